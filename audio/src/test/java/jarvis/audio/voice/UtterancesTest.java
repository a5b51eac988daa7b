package jarvis.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UtterancesTest {

    private static float[] speechBetween(int length, int from, int to) {
        float[] samples = new float[length];
        for (int i = from; i < to; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / Utterances.RATE));
        }
        return samples;
    }

    @Test
    void silenceIsTrimmedFromBothEndsWithAFifthOfASecondKept() {
        float[] samples = speechBetween(3 * Utterances.RATE, Utterances.RATE, 2 * Utterances.RATE);

        float[] trimmed = Utterances.trimmed(samples);

        assertThat(trimmed.length).isBetween(Utterances.RATE + 2 * Utterances.RATE / 5 - 320, Utterances.RATE + 2 * Utterances.RATE / 5 + 320);
        assertThat(Utterances.level(trimmed, 0, Utterances.RATE / 10)).as("it starts in the kept silence").isLessThan(0.001);
        assertThat(Utterances.trimmed(new float[Utterances.RATE])).as("all silence").isEmpty();
    }

    @Test
    void aClipOfASecondOrLessIsPaddedPastWhatWhisperRefuses() {
        float[] half = speechBetween(Utterances.RATE / 2, 0, Utterances.RATE / 2);

        float[] padded = Utterances.padded(half);

        assertThat(padded.length).isGreaterThan(Utterances.RATE + Utterances.RATE / 10);
        assertThat(padded[Utterances.RATE / 4]).isEqualTo(half[Utterances.RATE / 4]);
        assertThat(padded[padded.length - 1]).isZero();
        float[] long_ = new float[2 * Utterances.RATE];
        assertThat(Utterances.padded(long_)).isSameAs(long_);
    }

    @Test
    void sixteenBitLittleEndianBytesBecomeFloatsAndAllZeroIsNoticed() {
        byte[] bytes = {0, 0, (byte) 0xff, 0x7f, 0x01, (byte) 0x80, 0, 0};

        float[] samples = Utterances.floats(bytes, 6);

        assertThat(samples).containsExactly(0f, 1f, -1f);
        assertThat(Utterances.allZero(new float[10])).isTrue();
        assertThat(Utterances.allZero(samples)).isFalse();
    }
}
