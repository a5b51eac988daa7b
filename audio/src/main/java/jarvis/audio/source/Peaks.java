package jarvis.audio.source;

/**
 * A source's waveform for drawing: the lowest and highest sample of each run of frames, per channel, at several
 * zooms. The finest level holds one pair per {@link #FINEST} frames, each next level halves the one before, so a
 * waveform of any width reads at most about two pairs a pixel, however long the source.
 */
public final class Peaks {

    /** Frames per pair at the finest level. */
    public static final int FINEST = 64;

    /** [level][channel]: mins and maxes, interleaved (min, max, min, max...). */
    private final float[][][] levels;
    private final int frames;

    private Peaks(float[][][] levels, int frames) {
        this.levels = levels;
        this.frames = frames;
    }

    public static Peaks of(Audio audio) {
        int count = Math.max(1, ceilDiv(audio.frames(), FINEST));
        int depth = 1;
        for (int n = count; n > 1; n = ceilDiv(n, 2)) {
            depth++;
        }
        float[][][] levels = new float[depth][audio.channelCount()][];
        for (int c = 0; c < audio.channelCount(); c++) {
            levels[0][c] = finest(audio.channel(c), count);
            for (int level = 1; level < depth; level++) {
                levels[level][c] = halve(levels[level - 1][c]);
            }
        }
        return new Peaks(levels, audio.frames());
    }

    /** Rebuilds peaks kept as the finest level (as {@link #finest()} gives them): the coarser levels are made again. */
    public static Peaks fromFinest(float[][] finest, int frames) {
        int depth = 1;
        for (int n = finest[0].length / 2; n > 1; n = ceilDiv(n, 2)) {
            depth++;
        }
        float[][][] levels = new float[depth][finest.length][];
        for (int c = 0; c < finest.length; c++) {
            levels[0][c] = finest[c];
            for (int level = 1; level < depth; level++) {
                levels[level][c] = halve(levels[level - 1][c]);
            }
        }
        return new Peaks(levels, frames);
    }

    private static float[] finest(float[] samples, int count) {
        float[] out = new float[2 * count];
        for (int i = 0; i < count; i++) {
            int from = i * FINEST;
            int to = Math.min(samples.length, from + FINEST);
            float low = 0;
            float high = 0;
            if (from < to) {
                low = samples[from];
                high = samples[from];
                for (int s = from + 1; s < to; s++) {
                    float v = samples[s];
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            out[2 * i] = low;
            out[2 * i + 1] = high;
        }
        return out;
    }

    private static float[] halve(float[] finer) {
        int pairs = finer.length / 2;
        int count = ceilDiv(pairs, 2);
        float[] out = new float[2 * count];
        for (int i = 0; i < count; i++) {
            int a = 2 * i;
            int b = Math.min(pairs - 1, a + 1);
            out[2 * i] = Math.min(finer[2 * a], finer[2 * b]);
            out[2 * i + 1] = Math.max(finer[2 * a + 1], finer[2 * b + 1]);
        }
        return out;
    }

    public int frames() {
        return frames;
    }

    public int channelCount() {
        return levels[0].length;
    }

    /** The finest level per channel, to be kept: the rest is made from it. */
    public float[][] finest() {
        return levels[0];
    }

    /**
     * The waveform of frames {@code from} to {@code to} of a channel in {@code columns} columns: for each, its lowest
     * and highest sample (min, max, min, max...). Read from the coarsest level still finer than a column.
     */
    public float[] columns(int channel, long from, long to, int columns) {
        float[] out = new float[2 * columns];
        if (columns <= 0 || to <= from) {
            return out;
        }
        double perColumn = (to - from) / (double) columns;
        int level = 0;
        while (level + 1 < levels.length && (long) FINEST << (level + 1) <= perColumn) {
            level++;
        }
        float[] pairs = levels[level][Math.min(channel, levels[level].length - 1)];
        long span = (long) FINEST << level;
        int count = pairs.length / 2;
        for (int col = 0; col < columns; col++) {
            long a = from + Math.round(col * perColumn);
            long b = Math.max(a + 1, from + Math.round((col + 1) * perColumn));
            int first = (int) Math.clamp(Math.floorDiv(a, span), 0, count);
            int last = (int) Math.clamp(ceilDiv(b, span), 0, count);
            float low = 0;
            float high = 0;
            for (int p = first; p < last; p++) {
                low = Math.min(low, pairs[2 * p]);
                high = Math.max(high, pairs[2 * p + 1]);
            }
            out[2 * col] = low;
            out[2 * col + 1] = high;
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
