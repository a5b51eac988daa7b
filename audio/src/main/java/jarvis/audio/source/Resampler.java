package jarvis.audio.source;

import java.util.stream.IntStream;

/**
 * Changes a sound's rate with a windowed-sinc filter (Kaiser window, 32 zero crossings each side), polyphase: one set of
 * taps for each fraction of an input sample an output sample can fall at. Rates in a small ratio (44.1 to 48 kHz is
 * 147:160) get exact phases; others lie between two of 4096 and take both, weighted by nearness. Passes up to 90% of the lower rate's Nyquist frequency and
 * stops what would fold back by about 90 dB; the JDK's own converter, linear, leaves a 15 kHz tone 11 dB above its errors.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 32;
    private static final double PASS = 0.90;
    private static final double BETA = 9.0;
    private static final int MOST_PHASES = 4096;
    /** Output samples between progress reports and cancel checks. */
    private static final int CHUNK = 1 << 16;

    private final int from;
    private final int to;
    /** Output sample n falls at input sample n × down / up, exactly. */
    private final long up;
    private final long down;
    /** Filters in the table: one per fraction of an input sample, {@code up} of them when that is few enough. */
    private final int phases;
    private final int taps;
    private final float[] table;

    public Resampler(int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("rates must be above 0, not " + from + " and " + to);
        }
        this.from = from;
        this.to = to;
        int gcd = gcd(from, to);
        up = to / gcd;
        down = from / gcd;
        phases = (int) Math.min(up, MOST_PHASES);
        // Cut-off in cycles per input sample; downsampling widens the filter in input samples to match.
        double cutoff = PASS * 0.5 * Math.min(1.0, (double) to / from);
        // An even half, so the taps come in fours: the sum is kept in four parts, which the processor adds at once.
        int half = 2 * (int) Math.ceil(ZERO_CROSSINGS * Math.max(1.0, (double) from / to) / 2);
        taps = 2 * half;
        // One phase more than used: the last, a whole sample on, is what a fraction between the last phase and the next
        // sample leans toward.
        table = new float[(phases + 1) * taps];
        double besselBeta = bessel0(BETA);
        for (int p = 0; p <= phases; p++) {
            double fraction = p / (double) phases;
            for (int k = 0; k < taps; k++) {
                double x = k - half + 1 - fraction;
                double window = Math.abs(x) >= half ? 0 : bessel0(BETA * Math.sqrt(1 - (x / half) * (x / half))) / besselBeta;
                table[p * taps + k] = (float) (2 * cutoff * sinc(2 * cutoff * x) * window);
            }
        }
    }

    public Audio resample(Audio audio, Progress progress) {
        if (audio.rate() != from) {
            throw new IllegalArgumentException("this resampler takes " + from + " Hz, not " + audio.rate());
        }
        if (from == to) {
            return audio;
        }
        long outFrames = ((long) audio.frames() * up + down - 1) / down;
        if (outFrames > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the sound is too long to hold at " + to + " Hz");
        }
        float[][] out = new float[audio.channelCount()][(int) outFrames];
        IntStream.range(0, audio.channelCount()).parallel().forEach(c -> run(audio.channel(c), out[c], c == 0 ? progress : Progress.NONE));
        return new Audio(to, out);
    }

    private void run(float[] in, float[] out, Progress progress) {
        int half = taps / 2;
        for (int chunk = 0; chunk < out.length; chunk += CHUNK) {
            progress.checkCancelled();
            progress.report(chunk / (double) out.length, "resampling from " + from + " Hz to " + to + " Hz");
            int end = Math.min(out.length, chunk + CHUNK);
            for (int n = chunk; n < end; n++) {
                long position = n * down;
                int i = (int) (position / up);
                int first = i - half + 1;
                if (phases == up) {
                    out[n] = dot(in, first, (int) (position % up) * taps);
                } else {
                    double fraction = (position % up) * (double) phases / up;
                    int phase = (int) fraction;
                    float near = dot(in, first, phase * taps);
                    float next = dot(in, first, (phase + 1) * taps);
                    out[n] = (float) (near + (fraction - phase) * (next - near));
                }
            }
        }
        progress.report(1, "resampled to " + to + " Hz");
    }

    /** The input from {@code first} weighted by one phase's taps (zero beyond either end of the input). */
    private float dot(float[] in, int first, int base) {
        if (first >= 0 && first + taps <= in.length) {
            float a = 0;
            float b = 0;
            float c = 0;
            float d = 0;
            for (int k = 0; k < taps; k += 4) {
                a += in[first + k] * table[base + k];
                b += in[first + k + 1] * table[base + k + 1];
                c += in[first + k + 2] * table[base + k + 2];
                d += in[first + k + 3] * table[base + k + 3];
            }
            return (a + b) + (c + d);
        }
        float sum = 0;
        for (int k = Math.max(0, -first); k < taps && first + k < in.length; k++) {
            sum += in[first + k] * table[base + k];
        }
        return sum;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The zeroth-order modified Bessel function of the first kind, by its series. */
    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
