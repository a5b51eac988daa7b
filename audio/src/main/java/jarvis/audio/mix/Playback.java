package jarvis.audio.mix;

import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Timing;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays a project: one audio thread mixes blocks of float samples (the same {@link Mixer} a mixdown uses) and writes
 * them to a {@link SourceDataLine}, 16-bit stereo at 48 kHz. Where the playhead is comes from the line's own count of
 * frames played, mapped back to the timeline through the blocks written, so it follows what is heard, loops included.
 * A block the line ran dry before is an underrun, counted. An edit while playing hands over a new mixer, taken at the
 * next block.
 */
public final class Playback implements AutoCloseable {

    /** Frames a block: 10.7 ms at 48 kHz. */
    static final int BLOCK = 512;
    /** Blocks the line holds ahead: about 85 ms between an edit and hearing it. */
    private static final int AHEAD = 8;
    /** Blocks remembered to map the line's position back to the timeline: more than the line holds. */
    private static final int REMEMBERED = 64;

    /** Opens the line to play on (the system's default output, in the app). */
    public interface Output {
        SourceDataLine open(AudioFormat format, int bufferBytes) throws LineUnavailableException;

        /** The default output device. */
        static Output system() {
            return (format, bufferBytes) -> {
                SourceDataLine line = AudioSystem.getSourceDataLine(format);
                line.open(format, bufferBytes);
                return line;
            };
        }
    }

    /** Playback could not start: no output device, or it is busy. */
    public static final class PlaybackException extends Exception {
        PlaybackException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final AudioFormat FORMAT = new AudioFormat(Timing.RATE, 16, 2, true, false);

    private final Output output;
    private final AtomicLong underruns = new AtomicLong();
    /** Line frame where each remembered block starts, the timeline frame it plays from, and its length. */
    private final long[] blockAtLine = new long[REMEMBERED];
    private final long[] blockAtTimeline = new long[REMEMBERED];
    private final int[] blockLength = new int[REMEMBERED];
    private long blocksWritten;
    private volatile Mixer mixer;
    private volatile Thread thread;
    private volatile SourceDataLine line;
    private volatile long stoppedAt;
    private volatile float[] meters = new float[0];
    private volatile String failure = "";
    /** A frame to go on from, asked for while playing; -1 when none is. */
    private final AtomicLong seekTo = new AtomicLong(-1);

    public Playback(Output output) {
        this.output = output;
    }

    /**
     * Starts playing {@code mixer}'s project from {@code from}; stops what was playing first.
     *
     * @throws PlaybackException when there is no output to play on
     */
    public synchronized void play(Mixer mixer, long from) throws PlaybackException {
        stop();
        SourceDataLine opened;
        try {
            opened = output.open(FORMAT, AHEAD * BLOCK * FORMAT.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new PlaybackException("There is no sound output to play on (" + e.getMessage() + "): connect speakers or headphones, or choose "
                    + "an output in the system's sound settings. A mixdown still works.", e);
        }
        this.mixer = mixer;
        this.line = opened;
        synchronized (blockAtLine) {
            blocksWritten = 0;
        }
        stoppedAt = from;
        Thread started = Thread.ofPlatform().daemon().name("jarvis-playback").priority(Thread.MAX_PRIORITY).unstarted(() -> run(opened, from));
        thread = started;
        opened.start();
        started.start();
    }

    /**
     * Goes on playing from {@code frame}: the audio thread drops what the line holds and carries on from there at its
     * next block, so a click on the ruler while playing does not wait for the device to close and open again.
     */
    public void seek(long frame) {
        seekTo.set(Math.max(0, frame));
    }

    /** The project as edited: heard from the next block on. */
    public void update(Mixer next) {
        mixer = next;
    }

    /** Stops at once (what the line holds is dropped); the playhead stays where the sound stopped. */
    public synchronized void stop() {
        Thread playing = thread;
        if (playing == null) {
            return;
        }
        long at = position();
        thread = null;
        playing.interrupt();
        SourceDataLine closing = line;
        line = null;
        if (closing != null) {
            // Closing the line lets a write blocked on a full line return at once.
            closing.stop();
            closing.flush();
            closing.close();
        }
        try {
            playing.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stoppedAt = at;
        meters = new float[meters.length];
    }

    public boolean playing() {
        return thread != null;
    }

    /** Where the playhead is: the timeline frame being heard now (where it stopped, when stopped). */
    public long position() {
        SourceDataLine playing = line;
        if (thread == null || playing == null) {
            return stoppedAt;
        }
        long heard = playing.getLongFramePosition();
        synchronized (blockAtLine) {
            for (long b = blocksWritten - 1; b >= Math.max(0, blocksWritten - REMEMBERED); b--) {
                int i = (int) (b % REMEMBERED);
                if (blockAtLine[i] <= heard) {
                    return blockAtTimeline[i] + Math.min(heard - blockAtLine[i], blockLength[i]);
                }
            }
            return blocksWritten == 0 ? stoppedAt : blockAtTimeline[(int) (Math.max(0, blocksWritten - REMEMBERED) % REMEMBERED)];
        }
    }

    /** Why playback stopped by itself, when it was not the end of the project (the device went away); empty otherwise. */
    public String failure() {
        return failure;
    }

    /** Times the line ran dry since playback began: each one a gap heard. */
    public long underruns() {
        return underruns.get();
    }

    /** Each track's loudest sample in the block last written (project order): the level meters. */
    public float[] meters() {
        return meters;
    }

    private void run(SourceDataLine line, long from) {
        float[] left = new float[BLOCK];
        float[] right = new float[BLOCK];
        byte[] bytes = new byte[BLOCK * FORMAT.getFrameSize()];
        long next = from;
        long start = from;
        long lineFrames = 0;
        failure = "";
        seekTo.set(-1);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long jump = seekTo.getAndSet(-1);
                if (jump >= 0) {
                    line.flush();
                    lineFrames = line.getLongFramePosition();
                    next = jump;
                    start = jump;
                }
                Mixer now = mixer;
                Project project = now.project();
                Optional<Project.Loop> loop = project.activeLoop();
                if (loop.isPresent() && next >= loop.get().end() && start < loop.get().end()) {
                    next = loop.get().start();
                }
                long end = loop.isPresent() && next < loop.get().end() ? loop.get().end() : project.end();
                if (next >= end) {
                    line.drain();
                    break;
                }
                int count = (int) Math.min(BLOCK, end - next);
                now.render(next, left, right, count);
                meters = now.peaks();
                for (int f = 0, i = 0; f < count; f++, i += 4) {
                    int l = Math.clamp(Math.round(left[f] * 32767f), -32768, 32767);
                    int r = Math.clamp(Math.round(right[f] * 32767f), -32768, 32767);
                    bytes[i] = (byte) l;
                    bytes[i + 1] = (byte) (l >> 8);
                    bytes[i + 2] = (byte) r;
                    bytes[i + 3] = (byte) (r >> 8);
                }
                if (lineFrames > 0 && line.available() >= line.getBufferSize()) {
                    underruns.incrementAndGet();
                }
                synchronized (blockAtLine) {
                    int slot = (int) (blocksWritten % REMEMBERED);
                    blockAtLine[slot] = lineFrames;
                    blockAtTimeline[slot] = next;
                    blockLength[slot] = count;
                    blocksWritten++;
                }
                line.write(bytes, 0, count * FORMAT.getFrameSize());
                lineFrames += count;
                next += count;
            }
        } catch (RuntimeException e) {
            if (thread == Thread.currentThread()) {
                failure = "Playback stopped: the sound output failed (" + e.getMessage() + ").";
            }
        } finally {
            if (thread == Thread.currentThread()) {
                // Played to the end: the playhead rests on the last frame heard.
                stoppedAt = next;
                thread = null;
                line.close();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
