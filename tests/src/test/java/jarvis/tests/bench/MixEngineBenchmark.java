package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.mix.Mixer;
import jarvis.audio.source.Audio;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The mix engine on one core: 32 stereo tracks, each of eight clips of a 10-second source, overlapping, with fades,
 * gains, volumes and pans, mixed for 60 s at 48 kHz in blocks of 512 frames (what the audio thread does for playback,
 * and a mixdown for a file). The goal is at least 20 times real time. The baseline, in the same run, is the least any
 * mix can do: the same 32 tracks' samples added into two channels, no gains, no fades. Medians of 9 rounds after 3 to
 * warm up. Left out: handing blocks to the sound card (the line's own cost) and the meters' drawing.
 */
@Tag("benchmark")
class MixEngineBenchmark {

    private static final int RATE = 48_000;
    private static final int TRACKS = 32;
    private static final int SECONDS = 60;
    private static final int BLOCK = 512;

    @Test
    void mix32TracksFasterThanRealTime() throws Exception {
        Map<String, Audio> sources = new HashMap<>();
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < TRACKS; t++) {
            float[] left = new float[10 * RATE];
            float[] right = new float[10 * RATE];
            for (int i = 0; i < left.length; i++) {
                left[i] = (float) (0.02 * Math.sin(i * (0.01 + t * 0.001)));
                right[i] = (float) (0.02 * Math.cos(i * (0.01 + t * 0.001)));
            }
            sources.put("s" + t, new Audio(RATE, new float[][] {left, right}));
            List<Clip> clips = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                long start = (long) c * 8 * RATE;
                clips.add(new Clip("c" + t + "-" + c, "s" + t, start, 0, 10L * RATE, 0.9, RATE / 10, RATE / 2));
            }
            tracks.add(new Track("t" + t, "Track " + t, false, false, -6 + t % 5, (t % 9 - 4) / 4.0, clips));
        }
        Project project = Project.empty("p", "Bench").withTracks(tracks);
        float[] left = new float[BLOCK];
        float[] right = new float[BLOCK];
        List<Long> engine = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        double checksum = 0;
        for (int round = 0; round < 12; round++) {
            long start = System.nanoTime();
            Mixer mixer = new Mixer(project, sources::get);
            for (long frame = 0; frame < (long) SECONDS * RATE; frame += BLOCK) {
                mixer.render(frame, left, right, BLOCK);
                checksum += left[0];
            }
            long took = System.nanoTime() - start;
            start = System.nanoTime();
            checksum += plainSum(project, sources, left, right);
            long plainTook = System.nanoTime() - start;
            if (round >= 3) {
                engine.add(took);
                plain.add(plainTook);
            }
        }
        assertThat(checksum).isFinite();
        double engineMillis = Percentiles.ofNanos(engine).p50();
        double plainMillis = Percentiles.ofNanos(plain).p50();
        new BenchReport("mix-engine")
                .figure("tracks", TRACKS)
                .figure("audioSeconds", SECONDS)
                .figure("engineMillis", engineMillis)
                .figure("plainSumMillis", plainMillis)
                .figure("ratioToPlainSum", engineMillis / plainMillis)
                .atLeast("timesRealTime", SECONDS * 1000.0 / engineMillis, 20, "x")
                .finish();
    }

    /** The benchmarks after this one measure a window's frames: they are not to pay for collecting these sounds. */
    @AfterEach
    void collect() {
        System.gc();
    }

    /** Every clip's samples added into the block, nothing else: the floor under any mix. */
    private static double plainSum(Project project, Map<String, Audio> sources, float[] left, float[] right) {
        double checksum = 0;
        for (long frame = 0; frame < (long) SECONDS * RATE; frame += BLOCK) {
            java.util.Arrays.fill(left, 0);
            java.util.Arrays.fill(right, 0);
            for (Track track : project.tracks()) {
                for (Clip clip : track.clips()) {
                    if (clip.end() <= frame || clip.start() >= frame + BLOCK) {
                        continue;
                    }
                    Audio audio = sources.get(clip.sourceId());
                    int from = (int) Math.max(0, clip.start() - frame);
                    int to = (int) Math.min(BLOCK, clip.end() - frame);
                    int s = (int) (clip.offset() + frame + from - clip.start()) - from;
                    float[] l = audio.channel(0);
                    float[] r = audio.channel(1);
                    for (int i = from; i < to; i++) {
                        left[i] += l[s + i];
                        right[i] += r[s + i];
                    }
                }
            }
            checksum += left[0];
        }
        return checksum;
    }
}
