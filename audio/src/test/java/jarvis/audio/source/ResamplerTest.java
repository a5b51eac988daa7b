package jarvis.audio.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jarvis.audio.Sounds;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    /**
     * The signal-to-noise ratio of a resampled tone: the error is what is left after subtracting the ideal tone at the
     * new rate, away from the ends (where the filter runs out of input).
     */
    private static double snrDb(float[] got, int rate, double hz, double amplitude) {
        double signal = 0;
        double noise = 0;
        for (int i = rate / 10; i < got.length - rate / 10; i++) {
            double ideal = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
            signal += ideal * ideal;
            noise += (got[i] - ideal) * (got[i] - ideal);
        }
        return 10 * Math.log10(signal / noise);
    }

    @ParameterizedTest(name = "{0} Hz to 48 kHz, a {1} Hz tone")
    @CsvSource({"44100,15000", "44100,1000", "22050,5000", "96000,15000", "32000,12000", "88200,19000", "44056,15000"})
    void keepsTonesCleanAcrossRates(int from, double hz) {
        Audio tone = Sounds.tones(from, 1, hz, hz, 0.5);

        Audio resampled = new Resampler(from, 48_000).resample(tone, Progress.NONE);

        assertThat(resampled.rate()).isEqualTo(48_000);
        assertThat(resampled.frames()).isCloseTo(48_000, within(2));
        assertThat(snrDb(resampled.channel(0), 48_000, hz, 0.5)).as("SNR in dB").isGreaterThan(80);
    }

    @Test
    void doesFarBetterThanTheJdksOwnConverterAt15kHz() throws Exception {
        Audio tone = Sounds.tones(44_100, 1, 15_000, 15_000, 0.5);
        double ours = snrDb(new Resampler(44_100, 48_000).resample(tone, Progress.NONE).channel(0), 48_000, 15_000, 0.5);

        double jdk = snrDb(jdkResample(tone.channel(0), 44_100, 48_000), 48_000, 15_000, 0.5);

        assertThat(jdk).as("the JDK's converter, measured here").isLessThan(30);
        assertThat(ours).isGreaterThan(jdk + 50);
    }

    @Test
    void removesWhatWouldFoldBackWhenGoingDown() {
        // 30 kHz at 96 kHz cannot exist at 48 kHz: it must vanish, not fold to 18 kHz.
        Audio tone = Sounds.tones(96_000, 1, 30_000, 30_000, 0.5);

        Audio resampled = new Resampler(96_000, 48_000).resample(tone, Progress.NONE);

        double level = Sounds.rms(resampled.channel(0), 4800, 43_200);
        assertThat(20 * Math.log10(level / (0.5 / Math.sqrt(2)))).as("dB left of the tone").isLessThan(-80);
    }

    private static float[] jdkResample(float[] samples, int from, int to) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            bytes.putShort((short) Math.round(s * 32767));
        }
        AudioFormat source = new AudioFormat(from, 16, 1, true, false);
        AudioFormat target = new AudioFormat(to, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), source, samples.length);
             AudioInputStream out = AudioSystem.getAudioInputStream(target, in)) {
            byte[] got = out.readAllBytes();
            ByteBuffer read = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
            float[] result = new float[got.length / 2];
            for (int i = 0; i < result.length; i++) {
                result[i] = read.getShort() / 32767f;
            }
            return result;
        }
    }
}
