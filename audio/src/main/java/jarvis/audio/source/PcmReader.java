package jarvis.audio.source;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Reads a stream of PCM frames (8, 16, 24 or 32-bit integers, 32 or 64-bit floats, either byte order; μ-law and A-law
 * through the JDK) into float channels. Mono stays mono and stereo stereo; 5.1 folds into stereo the ITU way, and other
 * layouts the even channels to the left, the odd to the right.
 */
final class PcmReader {

    /** Bytes read at a time. */
    private static final int CHUNK = 1 << 20;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * What was read, with its waveform's finest peaks (made as the samples went by); how many frames the stream said it
     * held (-1 when it did not say); and, when decoding failed part way, why (the frames before it are kept).
     */
    record Read(Audio audio, float[][] finestPeaks, long announced, String broken) {}

    private PcmReader() {}

    /**
     * Reads the whole stream. {@code progress} hears the fraction {@code done} gives (the decoder knows how far into the
     * file it is; the frames alone may not say). Two threads share the work, a side each: this one reads a chunk of bytes
     * and hands it over, and while another turns it into the left side's samples and peaks, this one does the right's,
     * then reads the next chunk into a second buffer.
     */
    static Read read(AudioInputStream stream, long fileBytes, boolean vorbisOrder, DoubleSupplier done, Progress progress) throws IOException {
        AudioInputStream pcm = asPcm(stream);
        AudioFormat format = pcm.getFormat();
        int channels = format.getChannels();
        int bytes = format.getSampleSizeInBits() / 8;
        int frameSize = channels * bytes;
        if (channels < 1 || bytes < 1 || format.getFrameSize() != frameSize) {
            throw new IOException("its samples are laid out in a way Jarvis does not read (" + format + ")");
        }
        long announced = pcm.getFrameLength();
        // Sized from the header, but never beyond what the file's bytes could hold (when they are the samples themselves, not
        // compressed: fileBytes is then 0): a damaged header must not ask for gigabytes.
        long fits = fileBytes > 0 ? fileBytes / frameSize + 1 : Long.MAX_VALUE;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, announced > 0 ? Math.min(announced, fits) : Math.min(1 << 22, (long) format.getSampleRate() * 60));
        int rate = Math.round(format.getSampleRate());
        Sample sample = sample(format);
        int sides = Math.min(2, channels);
        Side left = new Side(0, sides, channels, bytes, sample, capacity, rate);
        Side right = sides == 2 ? new Side(1, sides, channels, bytes, sample, capacity, rate) : null;
        // A chunk holds whole frames, and a whole number of the peaks' runs of frames.
        int chunkFrames = Math.max(Peaks.FINEST, (CHUNK / frameSize) / Peaks.FINEST * Peaks.FINEST);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(2);
        BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(3);
        empty.add(new byte[chunkFrames * frameSize]);
        empty.add(new byte[chunkFrames * frameSize]);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread converter = Thread.ofPlatform().daemon().name("jarvis-pcm").start(() -> {
            try {
                for (Chunk chunk = full.take(); chunk.frames() > 0; chunk = full.take()) {
                    left.add(chunk.bytes(), chunk.frames());
                    chunk.release(empty);
                }
            } catch (Throwable e) {
                failed.set(e);
                empty.add(new byte[0]);
            }
        });
        String broken = null;
        int frames = 0;
        try {
            while (failed.get() == null) {
                progress.checkCancelled();
                byte[] buffer = empty.take();
                if (buffer.length == 0) {
                    break;
                }
                int got;
                try {
                    got = pcm.readNBytes(buffer, 0, buffer.length);
                } catch (IOException | RuntimeException e) {
                    // The decoders fail with index and state errors on a damaged frame: keep what came before it.
                    broken = String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    break;
                }
                int whole = got / frameSize;
                if (whole > 0) {
                    Chunk chunk = new Chunk(buffer, whole, new AtomicInteger(sides));
                    full.put(chunk);
                    if (right != null) {
                        right.add(buffer, whole);
                        chunk.release(empty);
                    }
                    frames += whole;
                }
                progress.report(done.getAsDouble(), "decoding");
                if (got < buffer.length) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } finally {
            stop(converter, full);
        }
        if (failed.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failed.get() != null) {
            throw new IOException("its samples could not be converted: " + failed.get(), failed.get());
        }
        if (broken != null && frames == 0) {
            throw new IOException(broken);
        }
        Side[] both = right == null ? new Side[] {left} : new Side[] {left, right};
        float[][] samples = new float[both.length][];
        float[][] peaks = new float[both.length][];
        for (int c = 0; c < both.length; c++) {
            samples[c] = both[c].samples(frames);
            peaks[c] = both[c].peaks(frames);
        }
        return new Read(new Audio(rate, samples), peaks, announced, broken);
    }

    /** A buffer of frames, given back to be read into again once every side has taken its samples from it. */
    private record Chunk(byte[] bytes, int frames, AtomicInteger users) {
        void release(BlockingQueue<byte[]> empty) {
            if (users.decrementAndGet() == 0) {
                empty.add(bytes);
            }
        }
    }

    /**
     * Tells the converter there is no more, and waits for it to finish what it was given, even when interrupted (the
     * interrupt is kept): the samples are read once it is done.
     */
    private static void stop(Thread converter, BlockingQueue<Chunk> full) {
        boolean interrupted = false;
        Chunk end = new Chunk(new byte[0], 0, new AtomicInteger());
        while (converter.isAlive()) {
            try {
                if (full.offer(end, 10, TimeUnit.MILLISECONDS)) {
                    converter.join();
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One side of the sound (left or right; the only one for mono) as it is converted: its samples, and the finest peaks
     * of each run of frames, made while the samples are still in the cache. Only one thread adds to a side.
     */
    private static final class Side {
        private final int[] inputs;
        private final float[] factors;
        private final int frameSize;
        private final int bytes;
        private final Sample sample;
        private final int rate;
        private float[] out;
        private float[] peaks;
        private int frames;

        /** Side {@code index} of {@code sides}: the input channels that fall to it (every other one when there are more than two). */
        Side(int index, int sides, int channels, int bytes, Sample sample, int capacity, int rate) {
            if (channels == 6) {
                // 5.1 (L, R, C, LFE, Ls, Rs): the ITU fold to stereo, the centre and each surround at -3 dB, the LFE left out,
                // scaled so that full scale on all three stays within full scale.
                float scale = (float) (1 / (1 + 2 * Math.sqrt(0.5)));
                this.inputs = new int[] {index, 2, 4 + index};
                this.factors = new float[] {scale, (float) (Math.sqrt(0.5) * scale), (float) (Math.sqrt(0.5) * scale)};
            } else {
                int count = (channels - index + sides - 1) / sides;
                this.inputs = new int[count];
                this.factors = new float[count];
                for (int k = 0; k < count; k++) {
                    inputs[k] = index + k * sides;
                    factors[k] = 1f / count;
                }
            }
            this.frameSize = channels * bytes;
            this.bytes = bytes;
            this.sample = sample;
            this.rate = rate;
            this.out = new float[capacity];
            this.peaks = new float[2 * ((capacity + Peaks.FINEST - 1) / Peaks.FINEST)];
        }

        void add(byte[] buffer, int count) throws IOException {
            if (frames + count > out.length) {
                long grown = Math.max((long) out.length * 2, (long) frames + count);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IOException("it is too long: Jarvis holds a source of at most " + (Integer.MAX_VALUE / (long) rate / 60) + " minutes");
                }
                out = Arrays.copyOf(out, (int) grown);
                peaks = Arrays.copyOf(peaks, (int) (2 * ((grown + Peaks.FINEST - 1) / Peaks.FINEST)));
            }
            float[] side = out;
            if (inputs.length == 1) {
                for (int f = 0, i = inputs[0] * bytes; f < count; f++, i += frameSize) {
                    side[frames + f] = sample.at(buffer, i);
                }
            } else {
                for (int k = 0; k < inputs.length; k++) {
                    float factor = factors[k];
                    for (int f = 0, i = inputs[k] * bytes; f < count; f++, i += frameSize) {
                        side[frames + f] += sample.at(buffer, i) * factor;
                    }
                }
            }
            // Chunks start on a run's first frame, so each run's peaks come from one chunk.
            for (int run = frames; run < frames + count; run += Peaks.FINEST) {
                int end = Math.min(frames + count, run + Peaks.FINEST);
                float low = side[run];
                float high = side[run];
                for (int i = run + 1; i < end; i++) {
                    low = Math.min(low, side[i]);
                    high = Math.max(high, side[i]);
                }
                peaks[2 * (run / Peaks.FINEST)] = low;
                peaks[2 * (run / Peaks.FINEST) + 1] = high;
            }
            frames += count;
        }

        float[] samples(int total) {
            return out.length == total ? out : Arrays.copyOf(out, total);
        }

        float[] peaks(int total) {
            int pairs = Math.max(1, (total + Peaks.FINEST - 1) / Peaks.FINEST);
            return peaks.length == 2 * pairs ? peaks : Arrays.copyOf(peaks, 2 * pairs);
        }
    }

    /** μ-law, A-law and other encodings the JDK converts, turned into 16-bit PCM; PCM and floats as they are. */
    private static AudioInputStream asPcm(AudioInputStream stream) throws IOException {
        AudioFormat.Encoding encoding = stream.getFormat().getEncoding();
        if (encoding.equals(AudioFormat.Encoding.PCM_SIGNED) || encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                || encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            return stream;
        }
        try {
            return AudioSystem.getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, stream);
        } catch (IllegalArgumentException e) {
            throw new IOException("its samples are in " + encoding + ", which Jarvis cannot decode", e);
        }
    }

    /** How one sample's bytes become a float from -1 to 1. */
    private interface Sample {
        float at(byte[] b, int i);
    }

    private static Sample sample(AudioFormat format) throws IOException {
        boolean big = format.isBigEndian();
        int bits = format.getSampleSizeInBits();
        AudioFormat.Encoding encoding = format.getEncoding();
        if (encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            return switch (bits) {
                case 32 -> big ? (b, i) -> Float.intBitsToFloat((int) INT_BE.get(b, i)) : (b, i) -> Float.intBitsToFloat((int) INT_LE.get(b, i));
                case 64 -> big ? (b, i) -> (float) Double.longBitsToDouble((long) LONG_BE.get(b, i))
                        : (b, i) -> (float) Double.longBitsToDouble((long) LONG_LE.get(b, i));
                default -> throw new IOException("it has " + bits + "-bit floating-point samples; Jarvis reads 32 and 64-bit ones");
            };
        }
        boolean unsigned = encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        return switch (bits) {
            case 8 -> unsigned ? (b, i) -> ((b[i] & 0xff) - 128) / 128f : (b, i) -> b[i] / 128f;
            case 16 -> big ? (b, i) -> (short) SHORT_BE.get(b, i) / 32768f : (b, i) -> (short) SHORT_LE.get(b, i) / 32768f;
            case 24 -> big ? (b, i) -> (b[i] << 16 | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff)) / 8388608f
                    : (b, i) -> (b[i + 2] << 16 | (b[i + 1] & 0xff) << 8 | (b[i] & 0xff)) / 8388608f;
            case 32 -> big ? (b, i) -> (int) INT_BE.get(b, i) / 2147483648f : (b, i) -> (int) INT_LE.get(b, i) / 2147483648f;
            default -> throw new IOException("it has " + bits + "-bit samples; Jarvis reads 8, 16, 24 and 32-bit ones");
        };
    }

}
