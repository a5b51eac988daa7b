package jarvis.audio.mix;

import jarvis.audio.source.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A project mixed down to a stereo WAV file, 16 or 24-bit at the project's rate, from its first frame to the end of
 * its last clip (the loop region plays no part). The mixer's loop, with no device: block after block, written as it
 * comes, so a long mix never sits in memory. Samples beyond full scale are clipped, and counted.
 */
public final class Mixdown {

    /** What was written: frames, and how many samples had to be clipped (0 for a clean mix). */
    public record Result(long frames, long clipped) {}

    private static final int BLOCK = 4096;

    private Mixdown() {}

    public static Result write(Mixer mixer, int bits, OutputStream out, Progress progress) throws IOException {
        if (bits != 16 && bits != 24) {
            throw new IllegalArgumentException("a mixdown is 16 or 24-bit, not " + bits);
        }
        int rate = mixer.project().timing().rate();
        long frames = mixer.project().end();
        if (frames == 0) {
            throw new IOException("there is nothing to mix down: the project has no clips");
        }
        AudioFormat format = new AudioFormat(rate, bits, 2, true, false);
        Blocks blocks = new Blocks(mixer, frames, bits / 8, progress);
        try (AudioInputStream stream = new AudioInputStream(blocks, format, frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
        }
        return new Result(frames, blocks.clipped.get());
    }

    /** A sample as a 16 or 24-bit integer, rounded, and clipped (and counted) beyond full scale. */
    static long quantise(float sample, int bits) {
        long scale = (1L << (bits - 1)) - 1;
        return Math.round(sample * (double) scale);
    }

    /** The mix as little-endian PCM bytes, rendered a block at a time as they are read. */
    private static final class Blocks extends InputStream {
        private final Mixer mixer;
        private final long frames;
        private final int bytes;
        private final Progress progress;
        private final float[] left = new float[BLOCK];
        private final float[] right = new float[BLOCK];
        private final byte[] buffer;
        private final AtomicLong clipped = new AtomicLong();
        private long next;
        private int at;
        private int filled;

        Blocks(Mixer mixer, long frames, int bytes, Progress progress) {
            this.mixer = mixer;
            this.frames = frames;
            this.bytes = bytes;
            this.progress = progress;
            this.buffer = new byte[BLOCK * 2 * bytes];
        }

        /** Writes one sample at {@code i}; returns where the next goes. */
        private int put(float sample, int i) {
            long scale = bytes == 2 ? 32767 : 8388607;
            long v = quantise(sample, 8 * bytes);
            if (v > scale || v < -scale - 1) {
                clipped.incrementAndGet();
                v = Math.clamp(v, -scale - 1, scale);
            }
            buffer[i] = (byte) v;
            buffer[i + 1] = (byte) (v >> 8);
            if (bytes == 3) {
                buffer[i + 2] = (byte) (v >> 16);
            }
            return i + bytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at == filled && !fill()) {
                return -1;
            }
            int n = Math.min(len, filled - at);
            System.arraycopy(buffer, at, b, off, n);
            at += n;
            return n;
        }

        private boolean fill() {
            if (next >= frames) {
                return false;
            }
            progress.checkCancelled();
            int count = (int) Math.min(BLOCK, frames - next);
            mixer.render(next, left, right, count);
            int i = 0;
            for (int f = 0; f < count; f++) {
                i = put(left[f], i);
                i = put(right[f], i);
            }
            next += count;
            at = 0;
            filled = i;
            progress.report(next / (double) frames, "mixing down");
            return true;
        }
    }
}
