package jarvis.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jarvis.audio.Sounds;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Progress;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixerTest {

    private static final int RATE = 48_000;

    @TempDir
    Path folder;

    private final Map<String, Audio> sources = Map.of("a", Sounds.tones(RATE, 3, 220, 330, 0.3), "b", Sounds.tones(RATE, 2, 440, 550, 0.3),
            "mono", new Audio(RATE, new float[][] {Sounds.tones(RATE, 1, 1000, 1000, 0.25).channel(0)}));

    /** Three tracks with overlaps, fades, gains, volumes and pans. */
    private static Project song() {
        Track one = new Track("t1", "One", false, false, -3, -0.4, List.of(new Clip("c1", "a", 1000, 500, 100_000, 0.8, 4800, 9600),
                Clip.of("c2", "b", 120_000, 48_000)));
        Track two = new Track("t2", "Two", false, false, 2, 0.7, List.of(new Clip("c3", "b", 50_000, 0, 90_000, 1.2, 0, 20_000)));
        Track three = new Track("t3", "Three", false, false, 0, 0, List.of(Clip.of("c4", "mono", 30_000, 48_000)));
        return Project.empty("p", "Song").withTracks(List.of(one, two, three));
    }

    private float[][] render(Project project, int blockSize) {
        Mixer mixer = new Mixer(project, sources::get);
        int frames = (int) project.end();
        float[][] out = new float[2][frames];
        float[] left = new float[blockSize];
        float[] right = new float[blockSize];
        for (int at = 0; at < frames; at += blockSize) {
            int count = Math.min(blockSize, frames - at);
            mixer.render(at, left, right, count);
            System.arraycopy(left, 0, out[0], at, count);
            System.arraycopy(right, 0, out[1], at, count);
        }
        return out;
    }

    private static Project only(Project project, String trackId) {
        return project.withTracks(project.tracks().stream().map(t -> t.soloed(t.id().equals(trackId))).toList());
    }

    @Test
    void theMixIsTheSumOfItsTracksSampleBySample() {
        Project song = song();
        float[][] mix = render(song, 512);
        float[][] sum = new float[2][mix[0].length];
        for (Track track : song.tracks()) {
            float[][] alone = render(only(song, track.id()), 512);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < alone[c].length; i++) {
                    sum[c][i] += alone[c][i];
                }
            }
        }
        assertThat(mix[0]).containsExactly(sum[0]);
        assertThat(mix[1]).containsExactly(sum[1]);
    }

    @Test
    void blockSizeDoesNotChangeTheMix() {
        assertThat(render(song(), 333)[0]).containsExactly(render(song(), 4096)[0]);
    }

    @Test
    void aClipPlaysItsWindowOfTheSourceWithItsGainAndTheTracksVolumeAndPan() {
        Project song = song();
        float[][] alone = render(only(song, "t2"), 1024);
        Track two = song.requireTrack("t2");
        float[] source = sources.get("b").channel(0);
        int frame = 60_000;
        double expected = source[frame - 50_000] * 1.2 * two.volume() * two.leftGain();
        assertThat((double) alone[0][frame]).isCloseTo(expected, within(1e-6));
        assertThat(two.rightGain()).as("panned right").isGreaterThan(two.leftGain());
    }

    @Test
    void fadesRiseFromSilenceAndFallToIt() {
        float[][] alone = render(only(song(), "t1"), 512);
        Clip clip = song().requireClip("c1");
        float peakAtStart = 0;
        for (int i = 1000; i < 1010; i++) {
            peakAtStart = Math.max(peakAtStart, Math.abs(alone[0][i]));
        }
        assertThat(peakAtStart).as("the first frames of a fade in are near silence").isLessThan(0.01f);
        assertThat(Math.abs(alone[0][(int) clip.end() - 1])).isLessThan(0.001f);
        assertThat(Sounds.rms(alone[0], 30_000, 60_000)).as("full level between the fades").isGreaterThan(0.1);
    }

    @Test
    void mutedAndUnsoloedTracksAreSilent() {
        Project song = song().mapTrack("t1", t -> t.muted(true)).mapTrack("t3", t -> t.soloed(true));
        Mixer mixer = new Mixer(song, sources::get);
        float[] left = new float[1024];
        float[] right = new float[1024];
        mixer.render(60_000, left, right, 1024);
        float[][] three = render(only(song(), "t3"), 1024);
        for (int i = 0; i < 1024; i++) {
            assertThat(left[i]).isEqualTo(three[0][60_000 + i]);
        }
        assertThat(mixer.peaks()[0]).as("muted track's meter").isZero();
        assertThat(mixer.peaks()[2]).isGreaterThan(0);
    }

    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(ints = {16, 24})
    void aMixdownHoldsTheMixSampleBySample(int bits) throws Exception {
        Project song = song();
        Path file = folder.resolve("mix.wav");
        Mixdown.Result result;
        try (OutputStream out = Files.newOutputStream(file)) {
            result = Mixdown.write(new Mixer(song, sources::get), bits, out, Progress.NONE);
        }

        Audio read = new AudioDecoder(M4aConverter.find("", Duration.ofSeconds(5))).decode(file, Progress.NONE).audio();

        float[][] mix = render(song, 4096);
        assertThat(result.frames()).isEqualTo(song.end());
        assertThat(result.clipped()).isZero();
        assertThat(read.frames()).isEqualTo(mix[0].length);
        double scale = (1L << (bits - 1)) - 1;
        double fullScale = 1L << (bits - 1);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < mix[c].length; i++) {
                // The file holds the mix rounded to the nearest step; reading divides by full scale.
                double step = Math.round(mix[c][i] * scale);
                assertThat((double) read.channel(c)[i]).isEqualTo(step / fullScale);
            }
        }
    }

    @Test
    void aMixTooLoudIsClippedAndCounted() throws Exception {
        Project loud = song().mapTrack("t2", t -> t.withVolumeDb(12));
        Mixdown.Result result = Mixdown.write(new Mixer(loud, sources::get), 16, new ByteArrayOutputStream(), Progress.NONE);
        assertThat(result.clipped()).isGreaterThan(0);
    }
}
