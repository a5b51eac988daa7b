package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ProviderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One model answering into one stored reply: streamed to the turn's listener, saved as it grows, stopped when no
 * first token comes in time (when a limit is given), and whatever happened returned as an {@link Outcome}.
 */
final class ModelAttempt {

    /** What the model did: its answer, or the failure (with what arrived), whether it was too slow, and when it began. */
    record Outcome(ChatResult answer, ProviderException failure, boolean slow, Long firstTokenMillis) {

        /** The answer, whole or in part, or null when nothing arrived. */
        ChatResult whatArrived() {
            if (answer != null) {
                return answer;
            }
            return failure == null ? null : failure.partial().orElse(null);
        }
    }

    private ModelAttempt() {}

    /**
     * @param follow                    hands the stream to the turn, so a stop can cancel it
     * @param firstTokenTimeoutSeconds  0 for no limit
     * @param turnStartedNanos          when the turn began, for the time to first token
     */
    static Outcome run(ModelProvider provider, ChatRequest request, StoredMessage reply, ConversationStore store, TurnListener listener,
                       ScheduledExecutorService timer, Consumer<ChatStream> follow, long firstTokenTimeoutSeconds, long turnStartedNanos) {
        ReplyRecorder recorder = new ReplyRecorder(reply.id(), store, listener, timer);
        ChatStream stream = provider.stream(request, recorder);
        follow.accept(stream);
        AtomicBoolean slow = new AtomicBoolean();
        ScheduledFuture<?> watchdog = firstTokenTimeoutSeconds <= 0 ? null : timer.schedule(() -> {
            if (!recorder.started()) {
                slow.set(true);
                stream.cancel();
            }
        }, firstTokenTimeoutSeconds, TimeUnit.SECONDS);
        try {
            ChatResult answer = stream.result().join();
            boolean tooSlow = slow.get() && answer.finishReason() == FinishReason.CANCELLED;
            return new Outcome(answer, null, tooSlow, firstTokenMillis(recorder, turnStartedNanos));
        } catch (CompletionException e) {
            ProviderException failure = e.getCause() instanceof ProviderException known ? known
                    : new ProviderException(ProviderException.Kind.SERVER_ERROR, provider.name() + " failed: " + e.getCause().getMessage());
            return new Outcome(null, failure, false, firstTokenMillis(recorder, turnStartedNanos));
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            recorder.stop();
        }
    }

    private static Long firstTokenMillis(ReplyRecorder recorder, long turnStartedNanos) {
        return recorder.started() ? (recorder.firstTokenNanos() - turnStartedNanos) / 1_000_000 : null;
    }
}
