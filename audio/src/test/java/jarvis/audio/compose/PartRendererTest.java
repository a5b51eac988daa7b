package jarvis.audio.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jarvis.audio.Sounds;
import jarvis.audio.source.Audio;
import jarvis.audio.source.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

/**
 * Gervill renders for real: with Debian's TimGM6mb soundfont where {@code .ci/run} installed it, and with the JDK's
 * built-in sounds, which every machine has.
 */
class PartRendererTest {

    /** Four bars at 120 bpm: kick on every beat. */
    private static Part kicks() {
        List<Part.Note> notes = new ArrayList<>();
        for (int beat = 0; beat < 16; beat++) {
            notes.add(new Part.Note(beat, 0.5, 36, 110));
        }
        return new Part(Part.Kind.DRUMS, "", 120, 4, 4, notes);
    }

    /** One A (440 Hz) held for two beats on a flute. */
    private static Part flute() {
        return new Part(Part.Kind.MELODIC, "flute", 120, 1, 4, List.of(new Part.Note(0, 2, 69, 100)));
    }

    @Test
    void aMelodicNoteSoundsAtItsPitchForItsLength() throws Exception {
        for (Optional<java.nio.file.Path> soundfont : List.of(Optional.<java.nio.file.Path>empty(), PartRenderer.findSoundfont(""))) {
            Audio audio = new PartRenderer(soundfont).render(List.of(flute()), Progress.NONE);

            assertThat(audio.rate()).isEqualTo(48_000);
            assertThat(audio.seconds()).isCloseTo(2 + 1.5, within(0.01));
            float[] left = audio.channel(0);
            assertThat(Sounds.rms(left, 12_000, 36_000)).as("sound while the note is held (%s)", soundfont).isGreaterThan(0.005);
            assertThat(Sounds.pitch(left, 12_000, 20_000, 48_000)).as("A4 (%s)", soundfont).isCloseTo(440, within(8.0));
            assertThat(Sounds.rms(left, 150_000, 168_000)).as("silence long after the release (%s)", soundfont).isLessThan(0.01);
        }
    }

    @Test
    void drumsHitOnTheirBeats() throws Exception {
        Audio audio = new PartRenderer(PartRenderer.findSoundfont("")).render(List.of(kicks()), Progress.NONE);

        float[] left = audio.channel(0);
        // Louder just after each beat (every 24,000 frames at 120 bpm) than just before it.
        for (int beat = 1; beat < 16; beat++) {
            int at = beat * 24_000;
            assertThat(Sounds.rms(left, at + 200, at + 2_400)).as("beat %d", beat).isGreaterThan(2 * Sounds.rms(left, at - 2_400, at - 200));
        }
    }

    @Test
    void aPartIsKeptAsMidiThatReadsBackTheSameNotes() throws Exception {
        Sequence sequence = PartRenderer.sequence(List.of(kicks(), flute()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PartRenderer.writeMidi(sequence, out);

        Sequence read = MidiSystem.getSequence(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.getResolution()).isEqualTo(PartRenderer.PPQ);
        List<String> ons = new ArrayList<>();
        for (javax.sound.midi.Track track : read.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON) {
                    ons.add(m.getChannel() + ":" + m.getData1() + "@" + track.get(i).getTick());
                }
            }
        }
        assertThat(ons).hasSize(17).contains("9:36@0", "9:36@7200", "0:69@0");
    }
}
