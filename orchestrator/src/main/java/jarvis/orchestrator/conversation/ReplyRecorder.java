package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Passes a streaming reply on to the turn's listener and writes what has arrived to the database every 250 ms,
 * so a crash loses at most that much of what was shown. Notes when the first token came.
 */
final class ReplyRecorder implements jarvis.orchestrator.models.StreamListener {

    static final Duration SAVE_INTERVAL = Duration.ofMillis(250);

    private final long messageId;
    private final ConversationStore store;
    private final TurnListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final ScheduledFuture<?> saver;
    private volatile boolean dirty;
    private volatile long firstTokenNanos;

    ReplyRecorder(long messageId, ConversationStore store, TurnListener listener, ScheduledExecutorService timer) {
        this.messageId = messageId;
        this.store = store;
        this.listener = listener;
        this.saver = timer.scheduleAtFixedRate(this::save, SAVE_INTERVAL.toMillis(), SAVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void firstToken() {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
    }

    @Override
    public void onText(String delta) {
        firstToken();
        synchronized (this) {
            text.append(delta);
            dirty = true;
        }
        listener.onText(delta);
    }

    @Override
    public void onThinking(String delta) {
        firstToken();
        synchronized (this) {
            thinking.append(delta);
            dirty = true;
        }
        listener.onThinking(delta);
    }

    @Override
    public void onToolCall(ToolCall call) {
        firstToken();
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

    boolean started() {
        return firstTokenNanos != 0;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    private void save() {
        if (!dirty) {
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

    /** Stops the periodic saving; the caller writes the final state. */
    void stop() {
        saver.cancel(false);
    }
}
