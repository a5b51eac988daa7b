package jarvis.audio.voice;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Push-to-talk over a microphone kept open while it is enabled: a hold of the key (or the button) records, with the
 * 300 ms before the press kept (pre-roll, so the first word is not cut), and its release gives what was said, trimmed
 * of silence and padded for Whisper. A hold under 300 ms is a slip, not speech; a press while held (the key's
 * auto-repeat) changes nothing; input that is all zeros is a microphone Jarvis may not use, and says how to allow it.
 */
public final class PushToTalk implements AutoCloseable {

    /** What a release gives. */
    public sealed interface Outcome {
        /** Speech, ready for Whisper; {@code seconds} as held. */
        record Heard(float[] samples, double seconds) implements Outcome {}

        /** A hold too short to be speech (under 300 ms). */
        record TooShort() implements Outcome {}

        /** Only silence. */
        record NothingHeard() implements Outcome {}

        /** No signal at all: every sample zero. */
        record NoSignal(String message) implements Outcome {}

        /** A release with no press before it. */
        record NotHeld() implements Outcome {}
    }

    /** How the microphone is opened: at {@link #enable()}. */
    @FunctionalInterface
    public interface Opener {
        Microphone open() throws VoiceException;
    }

    static final long SHORTEST_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final int PRE_ROLL = Utterances.RATE * 3 / 10;
    /** Read 20 ms at a time. */
    private static final int BLOCK = Utterances.RATE / 50;
    /** The longest hold kept: five minutes. */
    private static final int LONGEST = Utterances.RATE * 300;
    private static final String NO_SIGNAL_MAC = "The microphone gives nothing but silence: Jarvis may not be allowed to use it. On macOS, open "
            + "System Settings → Privacy & Security → Microphone, turn Jarvis on (for ./jarvis, the terminal app you run it in), and start "
            + "Jarvis again.";
    private static final String NO_SIGNAL = "The microphone gives nothing but silence (every sample is zero): check that it is plugged in, "
            + "not muted, and chosen as the system's input.";

    private final Opener opener;
    private final LongSupplier nanos;
    private final Object lock = new Object();
    private final float[] ring = new float[PRE_ROLL];
    private int ringAt;
    private int ringFilled;
    private float[] recording = new float[0];
    private int recorded;
    private boolean held;
    private long pressedAt;
    private volatile double level;
    private volatile Microphone microphone;
    private volatile Thread capture;

    public PushToTalk(Opener opener) {
        this(opener, System::nanoTime);
    }

    PushToTalk(Opener opener, LongSupplier nanos) {
        this.opener = opener;
        this.nanos = nanos;
    }

    /** Opens the microphone and keeps listening (into the pre-roll only) until closed. */
    public void enable() throws VoiceException {
        if (capture != null) {
            return;
        }
        Microphone opened = opener.open();
        microphone = opened;
        // Known before it runs: the thread reads for as long as it is the capture thread.
        Thread thread = Thread.ofPlatform().daemon().name("jarvis-microphone").unstarted(() -> listen(opened));
        capture = thread;
        thread.start();
    }

    public boolean enabled() {
        return capture != null;
    }

    /** Begins a hold; false when one is under way already (the key repeating) or the microphone is not open. */
    public boolean press() {
        synchronized (lock) {
            if (held || capture == null) {
                return false;
            }
            held = true;
            pressedAt = nanos.getAsLong();
            recording = new float[Utterances.RATE * 4];
            recorded = 0;
            // The pre-roll, oldest first.
            for (int i = 0; i < ringFilled; i++) {
                recording[recorded++] = ring[(ringAt - ringFilled + i + PRE_ROLL) % PRE_ROLL];
            }
            return true;
        }
    }

    /** Ends the hold: what was said, or why there is nothing to transcribe. */
    public Outcome release() {
        float[] samples;
        long heldFor;
        synchronized (lock) {
            if (!held) {
                return new Outcome.NotHeld();
            }
            held = false;
            heldFor = nanos.getAsLong() - pressedAt;
            samples = Arrays.copyOf(recording, recorded);
            recording = new float[0];
            recorded = 0;
        }
        level = 0;
        if (heldFor < SHORTEST_HOLD_NANOS) {
            return new Outcome.TooShort();
        }
        return judge(samples, heldFor / 1e9);
    }

    /** What a recording holds: speech, silence, or no signal at all. */
    static Outcome judge(float[] samples, double seconds) {
        // No samples at all, or only zeros: the microphone gives nothing.
        if (Utterances.allZero(samples)) {
            return new Outcome.NoSignal(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? NO_SIGNAL_MAC : NO_SIGNAL);
        }
        float[] speech = Utterances.trimmed(samples);
        return speech.length == 0 ? new Outcome.NothingHeard() : new Outcome.Heard(Utterances.padded(speech), seconds);
    }

    /** How loud the last 20 ms were, 0 to 1, while held; 0 otherwise. */
    public double level() {
        return level;
    }

    @Override
    public void close() {
        Thread running = capture;
        capture = null;
        Microphone open = microphone;
        microphone = null;
        if (open != null) {
            open.close();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The capture thread: blocks of 20 ms into the pre-roll, or the recording while held. */
    private void listen(Microphone from) {
        byte[] bytes = new byte[BLOCK * 2];
        long started = nanos.getAsLong();
        long captured = 0;
        while (capture == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
            int got = from.read(bytes, 0, bytes.length);
            if (got < 0) {
                break;
            }
            float[] block = Utterances.floats(bytes, got - got % 2);
            take(block);
            captured += block.length;
            // A line that gives nothing at once is waited on, not spun on.
            pace(started, got == 0 ? captured + Utterances.RATE / 100 : captured);
        }
        // The line ended (unplugged, closed): no longer enabled, so the next press opens it again.
        if (capture == Thread.currentThread()) {
            capture = null;
            microphone = null;
            from.close();
        }
    }

    private void take(float[] block) {
        synchronized (lock) {
            if (held) {
                if (recorded + block.length > recording.length && recording.length < LONGEST) {
                    recording = Arrays.copyOf(recording, Math.min(LONGEST, Math.max(recording.length * 2, recorded + block.length)));
                }
                int room = Math.min(block.length, recording.length - recorded);
                System.arraycopy(block, 0, recording, recorded, room);
                recorded += room;
                level = Utterances.level(block, 0, block.length);
            } else {
                for (float sample : block) {
                    ring[ringAt] = sample;
                    ringAt = (ringAt + 1) % PRE_ROLL;
                }
                ringFilled = Math.min(PRE_ROLL, ringFilled + block.length);
            }
        }
    }

    /**
     * A line that hands out samples faster than time passes (ALSA's null device does, with no sound card) is held to
     * real time, so it neither spins a core nor fills a hold with minutes of samples in a second.
     */
    private void pace(long started, long captured) {
        long ahead = TimeUnit.SECONDS.toNanos(captured) / Utterances.RATE - (nanos.getAsLong() - started) - TimeUnit.MILLISECONDS.toNanos(100);
        if (ahead > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(ahead);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
