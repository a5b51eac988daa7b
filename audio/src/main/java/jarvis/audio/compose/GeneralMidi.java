package jarvis.audio.compose;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * General MIDI's names, as a model writes them: the 128 instruments (program numbers 0 to 127) and the drum kit's
 * sounds (keys on channel 10), in snake case.
 */
public final class GeneralMidi {

    /** The instruments in program order. */
    public static final List<String> INSTRUMENTS = List.of(
            "acoustic_grand_piano", "bright_acoustic_piano", "electric_grand_piano", "honky_tonk_piano", "electric_piano_1", "electric_piano_2",
            "harpsichord", "clavinet", "celesta", "glockenspiel", "music_box", "vibraphone", "marimba", "xylophone", "tubular_bells", "dulcimer",
            "drawbar_organ", "percussive_organ", "rock_organ", "church_organ", "reed_organ", "accordion", "harmonica", "tango_accordion",
            "acoustic_guitar_nylon", "acoustic_guitar_steel", "electric_guitar_jazz", "electric_guitar_clean", "electric_guitar_muted",
            "overdriven_guitar", "distortion_guitar", "guitar_harmonics", "acoustic_bass", "electric_bass_finger", "electric_bass_pick",
            "fretless_bass", "slap_bass_1", "slap_bass_2", "synth_bass_1", "synth_bass_2", "violin", "viola", "cello", "contrabass",
            "tremolo_strings", "pizzicato_strings", "orchestral_harp", "timpani", "string_ensemble_1", "string_ensemble_2", "synth_strings_1",
            "synth_strings_2", "choir_aahs", "voice_oohs", "synth_voice", "orchestra_hit", "trumpet", "trombone", "tuba", "muted_trumpet",
            "french_horn", "brass_section", "synth_brass_1", "synth_brass_2", "soprano_sax", "alto_sax", "tenor_sax", "baritone_sax", "oboe",
            "english_horn", "bassoon", "clarinet", "piccolo", "flute", "recorder", "pan_flute", "blown_bottle", "shakuhachi", "whistle",
            "ocarina", "lead_square", "lead_sawtooth", "lead_calliope", "lead_chiff", "lead_charang", "lead_voice", "lead_fifths",
            "lead_bass_and_lead", "pad_new_age", "pad_warm", "pad_polysynth", "pad_choir", "pad_bowed", "pad_metallic", "pad_halo", "pad_sweep",
            "fx_rain", "fx_soundtrack", "fx_crystal", "fx_atmosphere", "fx_brightness", "fx_goblins", "fx_echoes", "fx_sci_fi", "sitar", "banjo",
            "shamisen", "koto", "kalimba", "bagpipe", "fiddle", "shanai", "tinkle_bell", "agogo", "steel_drums", "woodblock", "taiko_drum",
            "melodic_tom", "synth_drum", "reverse_cymbal", "guitar_fret_noise", "breath_noise", "seashore", "bird_tweet", "telephone_ring",
            "helicopter", "applause", "gunshot");

    /** General MIDI's sixteen families of eight instruments each, in program order. */
    public static final List<String> FAMILIES = List.of("Piano", "Chromatic percussion", "Organ", "Guitar", "Bass", "Strings", "Ensemble",
            "Brass", "Reed", "Pipe", "Synth lead", "Synth pad", "Synth effects", "Ethnic", "Percussive", "Sound effects");

    /** The drum kit's sounds, keys 35 to 81. */
    public static final Map<String, Integer> DRUMS = drums();

    private GeneralMidi() {}

    private static Map<String, Integer> drums() {
        List<String> names = List.of("acoustic_kick", "kick", "side_stick", "snare", "clap", "electric_snare", "low_floor_tom", "closed_hat",
                "high_floor_tom", "pedal_hat", "low_tom", "open_hat", "low_mid_tom", "high_mid_tom", "crash", "high_tom", "ride", "china",
                "ride_bell", "tambourine", "splash", "cowbell", "crash_2", "vibraslap", "ride_2", "high_bongo", "low_bongo", "mute_high_conga",
                "open_high_conga", "low_conga", "high_timbale", "low_timbale", "high_agogo", "low_agogo", "cabasa", "maracas", "short_whistle",
                "long_whistle", "short_guiro", "long_guiro", "claves", "high_wood_block", "low_wood_block", "mute_cuica", "open_cuica",
                "mute_triangle", "open_triangle");
        return IntStream.range(0, names.size()).boxed().collect(Collectors.toUnmodifiableMap(names::get, i -> 35 + i));
    }

    /** The eight instruments of a family ({@link #FAMILIES}). */
    public static List<String> family(int index) {
        return INSTRUMENTS.subList(index * 8, index * 8 + 8);
    }

    /** An instrument's program number, or -1 when the name is not one of the 128. */
    public static int program(String instrument) {
        return INSTRUMENTS.indexOf(instrument.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }
}
