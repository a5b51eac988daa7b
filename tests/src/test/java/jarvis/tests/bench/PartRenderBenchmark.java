package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.compose.Part;
import jarvis.audio.compose.PartRenderer;
import jarvis.audio.source.Audio;
import jarvis.audio.source.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gervill playing 30 s of a four-track part (drums, bass, piano chords, a pad; 16 bars at 128 bpm) offline into 48 kHz
 * stereo, with Debian's TimGM6mb soundfont where it is installed: what a person waits for between the model's part and
 * hearing it on a track. Printed as seconds of sound a second of waiting; the baseline, in the same run, is the same
 * synthesizer rendering 30 s with one quiet note (its fixed cost: the soundfont loaded, reverb and chorus running).
 * Medians of 5 rounds after 2 to warm up. Left out: the model writing the part, and storing the sound.
 */
@Tag("benchmark")
class PartRenderBenchmark {

    private static final double BPM = 128;
    private static final int BARS = 16;

    private static List<Part> song() {
        List<Part.Note> drums = new ArrayList<>();
        List<Part.Note> bass = new ArrayList<>();
        List<Part.Note> chords = new ArrayList<>();
        List<Part.Note> pad = new ArrayList<>();
        int[] roots = {45, 41, 48, 43};
        for (int bar = 0; bar < BARS; bar++) {
            int root = roots[bar % 4];
            for (int beat = 0; beat < 4; beat++) {
                double at = bar * 4 + beat;
                drums.add(new Part.Note(at, 0.25, beat % 2 == 0 ? 36 : 38, 110));
                drums.add(new Part.Note(at, 0.25, 42, 70));
                drums.add(new Part.Note(at + 0.5, 0.25, 42, 55));
                bass.add(new Part.Note(at, 0.75, root - 12, 100));
                for (int third : new int[] {0, 4, 7}) {
                    chords.add(new Part.Note(at, 0.5, root + 12 + third, 70));
                }
            }
            pad.add(new Part.Note(bar * 4, 4, root + 24, 60));
            pad.add(new Part.Note(bar * 4, 4, root + 31, 60));
        }
        return List.of(new Part(Part.Kind.DRUMS, "", BPM, BARS, 4, drums), new Part(Part.Kind.MELODIC, "electric_bass_finger", BPM, BARS, 4, bass),
                new Part(Part.Kind.MELODIC, "acoustic_grand_piano", BPM, BARS, 4, chords), new Part(Part.Kind.MELODIC, "pad_warm", BPM, BARS, 4, pad));
    }

    @Test
    void renderThirtySecondsOfAFourTrackPart() throws Exception {
        PartRenderer renderer = new PartRenderer(PartRenderer.findSoundfont(""));
        List<Part> song = song();
        List<Part> quiet = List.of(new Part(Part.Kind.MELODIC, "acoustic_grand_piano", BPM, BARS, 4, List.of(new Part.Note(0, 0.25, 60, 1))));
        List<Long> parts = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        double seconds = 0;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            Audio audio = renderer.render(song, Progress.NONE);
            long took = System.nanoTime() - start;
            start = System.nanoTime();
            renderer.render(quiet, Progress.NONE);
            long quietTook = System.nanoTime() - start;
            seconds = audio.seconds();
            if (round >= 2) {
                parts.add(took);
                baseline.add(quietTook);
            }
        }
        assertThat(seconds).isGreaterThan(30);
        double partMillis = Percentiles.ofNanos(parts).p50();
        double quietMillis = Percentiles.ofNanos(baseline).p50();
        new BenchReport("part-render")
                .figure("soundfont", renderer.describe())
                .figure("audioSeconds", seconds)
                .figure("renderMillis", partMillis)
                .figure("oneQuietNoteMillis", quietMillis)
                .figure("ratioToOneQuietNote", partMillis / quietMillis)
                .figure("audioSecondsPerWallSecond", seconds * 1000 / partMillis)
                .finish();
    }
}
