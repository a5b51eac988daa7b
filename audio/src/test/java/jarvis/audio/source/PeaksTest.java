package jarvis.audio.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PeaksTest {

    @Test
    void eachColumnHoldsTheLowestAndHighestSampleUnderIt() {
        float[] samples = new float[100_000];
        samples[70_000] = 0.9f;
        samples[70_001] = -0.7f;
        samples[10] = 0.2f;
        Peaks peaks = Peaks.of(new Audio(48_000, new float[][] {samples}));

        float[] columns = peaks.columns(0, 0, 100_000, 10);

        assertThat(columns[2 * 7]).isEqualTo(-0.7f);
        assertThat(columns[2 * 7 + 1]).isEqualTo(0.9f);
        assertThat(columns[1]).isEqualTo(0.2f);
        assertThat(columns[2 * 3 + 1]).isZero();
    }

    @Test
    void zoomedOutAndInAgreeOnTheLoudestPoint() {
        float[] samples = new float[1 << 20];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (Math.sin(i / 50.0) * i / samples.length);
        }
        Peaks peaks = Peaks.of(new Audio(48_000, new float[][] {samples}));

        float[] wide = peaks.columns(0, 0, samples.length, 4);
        float[] narrow = peaks.columns(0, 3L * samples.length / 4, samples.length, 1000);

        float narrowMax = 0;
        for (int i = 1; i < narrow.length; i += 2) {
            narrowMax = Math.max(narrowMax, narrow[i]);
        }
        assertThat(wide[7]).isCloseTo(narrowMax, within(1e-6f));
        assertThat(wide[7]).isCloseTo(1f, within(0.01f));
    }

    @Test
    void rebuiltFromTheFinestLevelItDrawsTheSame() {
        float[] samples = new float[300_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) Math.sin(i * 0.001);
        }
        Peaks peaks = Peaks.of(new Audio(48_000, new float[][] {samples}));

        Peaks again = Peaks.fromFinest(peaks.finest(), peaks.frames());

        assertThat(again.columns(0, 1000, 290_000, 333)).containsExactly(peaks.columns(0, 1000, 290_000, 333));
    }
}
