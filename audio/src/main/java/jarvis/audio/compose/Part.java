package jarvis.audio.compose;

import java.util.List;

/**
 * A part a model wrote: drums or one melodic instrument, its tempo and length in bars, and its notes with start and
 * length in beats (quantised to sixteenths), key (a pitch, or a drum's key) and velocity.
 */
public record Part(Kind kind, String instrument, double bpm, int bars, int beatsPerBar, List<Note> notes) {

    /** Drums play on General MIDI's channel 10; a melodic part on its own channel with its instrument. */
    public enum Kind { DRUMS, MELODIC }

    /** One note: start and length in beats, MIDI key, velocity 1 to 127. */
    public record Note(double start, double length, int key, int velocity) {}

    public Part {
        notes = List.copyOf(notes);
    }

    public double beats() {
        return bars * (double) beatsPerBar;
    }

    public double seconds() {
        return beats() * 60 / bpm;
    }

    /**
     * The same notes played by another General MIDI instrument ({@link GeneralMidi#INSTRUMENTS}); drums stay on the
     * kit, so they cannot.
     */
    public Part playedBy(String other) throws PartException {
        if (kind == Kind.DRUMS) {
            throw new PartException("A drum part plays General MIDI's drum kit; only a melodic part can be played by another instrument.");
        }
        int program = GeneralMidi.program(other);
        if (program < 0) {
            throw new PartException("\"" + other + "\" is not a General MIDI instrument; pick one of the 128, such as electric_piano_1 or "
                    + "string_ensemble_1.");
        }
        return new Part(kind, GeneralMidi.INSTRUMENTS.get(program), bpm, bars, beatsPerBar, notes);
    }

    /** "1 bar", "4 bars". */
    public String barsInWords() {
        return bars + (bars == 1 ? " bar" : " bars");
    }

    /** "drums" or the instrument's name, for a track. */
    public String label() {
        return kind == Kind.DRUMS ? "drums" : instrument.replace('_', ' ');
    }
}
