package jarvis.audio.voice;

import java.util.Arrays;

/**
 * What is done to speech between the microphone and Whisper: 16-bit samples to floats, silence trimmed from both ends,
 * short clips padded (whisper.cpp returns nothing for a second or less), all-zero input recognised, a level for the
 * meter. Everything at 16 kHz mono.
 */
public final class Utterances {

    /** Whisper's rate: 16 kHz. */
    public static final int RATE = 16_000;
    /** Whisper.cpp refuses input of a second or less; a clip is padded past it. */
    static final int SHORTEST = RATE * 6 / 5;
    /** Trimming looks at 10 ms windows. */
    private static final int WINDOW = RATE / 100;
    /** Quieter than this (RMS, about -45 dBFS) is silence. */
    private static final double SILENCE = 0.0056;
    /** Kept before the first and after the last window that is not silence, so no word is clipped. */
    private static final int MARGIN = RATE / 5;

    private Utterances() {}

    /** Little-endian signed 16-bit samples, {@code count} bytes of them, as floats in [-1, 1]. */
    public static float[] floats(byte[] bytes, int count) {
        float[] out = new float[count / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-1f, (short) ((bytes[2 * i] & 0xff) | bytes[2 * i + 1] << 8) / 32767f);
        }
        return out;
    }

    /** True when every sample is exactly zero: no microphone signal at all (on macOS, no permission to use it). */
    public static boolean allZero(float[] samples) {
        for (float sample : samples) {
            if (sample != 0) {
                return false;
            }
        }
        return true;
    }

    /** The loudness of a block for a meter: RMS, 0 to 1. */
    public static double level(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }

    /**
     * The samples without the silence before the first sound and after the last, keeping a fifth of a second either
     * side; an empty array when it is all silence.
     */
    public static float[] trimmed(float[] samples) {
        int first = -1;
        int last = -1;
        for (int start = 0; start < samples.length; start += WINDOW) {
            int end = Math.min(samples.length, start + WINDOW);
            if (level(samples, start, end) > SILENCE) {
                if (first < 0) {
                    first = start;
                }
                last = end;
            }
        }
        if (first < 0) {
            return new float[0];
        }
        return Arrays.copyOfRange(samples, Math.max(0, first - MARGIN), Math.min(samples.length, last + MARGIN));
    }

    /** The samples, with silence after them up to {@link #SHORTEST} when they are shorter. */
    public static float[] padded(float[] samples) {
        return samples.length >= SHORTEST ? samples : Arrays.copyOf(samples, SHORTEST);
    }
}
