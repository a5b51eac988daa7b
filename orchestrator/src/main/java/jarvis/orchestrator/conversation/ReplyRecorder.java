package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes a streaming reply on to the turn's listener and writes what has arrived to the database every 250 ms,
 * so a crash loses at most that much of what was shown. Notes when the first token came and when anything last
 * came, for the attempt's watchdog.
 *
 * <p>A periodic save and the final write never cross: {@link #stop()} waits for a save in flight and no save
 * starts after it, and the store writes a streaming save only while the row is still streaming. The timer only
 * schedules; saves run on {@code saves}, so a database that is slow to answer holds up no watchdog.
 */
final class ReplyRecorder implements StreamListener {

    static final Duration SAVE_INTERVAL = Duration.ofMillis(250);

    private final long messageId;
    private final ConversationStore store;
    private final TurnListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final Object saving = new Object();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledFuture<?> saver;
    private boolean stopped;
    private volatile boolean dirty;
    private volatile long firstTokenNanos;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile int pieces;

    ReplyRecorder(long messageId, ConversationStore store, TurnListener listener, ScheduledExecutorService timer, Executor saves) {
        this(messageId, store, listener, timer, saves, SAVE_INTERVAL);
    }

    ReplyRecorder(long messageId, ConversationStore store, TurnListener listener, ScheduledExecutorService timer, Executor saves,
                  Duration interval) {
        this.messageId = messageId;
        this.store = store;
        this.listener = listener;
        this.saver = timer.scheduleAtFixedRate(() -> {
            // At most one save waits or runs at a time; a slow database skips beats instead of piling them up.
            if (queued.compareAndSet(false, true)) {
                saves.execute(() -> {
                    try {
                        save();
                    } finally {
                        queued.set(false);
                    }
                });
            }
        }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void token() {
        pieces++;
        long now = System.nanoTime();
        lastActivityNanos = now;
        if (firstTokenNanos == 0) {
            firstTokenNanos = now;
        }
    }

    @Override
    public void onText(String delta) {
        token();
        synchronized (this) {
            text.append(delta);
            dirty = true;
        }
        listener.onText(delta);
    }

    @Override
    public void onThinking(String delta) {
        token();
        synchronized (this) {
            thinking.append(delta);
            dirty = true;
        }
        listener.onThinking(delta);
    }

    @Override
    public void onToolCall(ToolCall call) {
        token();
        listener.onToolCall(call);
    }

    @Override
    public void onLogprobs(List<TokenLogprob> tokens) {
        listener.onLogprobs(tokens);
    }

    @Override
    public void onUsage(Usage usage) {
        listener.onUsage(usage);
    }

    @Override
    public void onActivity() {
        lastActivityNanos = System.nanoTime();
    }

    /** How many pieces of text and reasoning arrived: one token each from Ollama and OpenAI-compatible servers. */
    int pieces() {
        return pieces;
    }

    boolean started() {
        return firstTokenNanos != 0;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    private void save() {
        synchronized (saving) {
            if (stopped || !dirty) {
                return;
            }
            String content;
            String reasoning;
            synchronized (this) {
                content = text.toString();
                reasoning = thinking.toString();
                dirty = false;
            }
            try {
                store.updateReply(messageId, content, reasoning);
            } catch (RuntimeException e) {
                dirty = true;
            }
        }
    }

    /** Stops the periodic saving, waiting for a save in flight; the caller writes the final state after this. */
    void stop() {
        synchronized (saving) {
            stopped = true;
        }
        saver.cancel(false);
    }
}
