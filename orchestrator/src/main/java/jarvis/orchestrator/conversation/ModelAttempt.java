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
import java.util.function.Consumer;

/**
 * One model answering into one stored reply: streamed to the turn's listener, saved as it grows, watched so that
 * it never hangs, and whatever happened returned as an {@link Outcome}. The watchdog stops a stream that gives no
 * first token in time ({@link Outcome#slow()}) and one that goes quiet between chunks for longer than the idle
 * limit (a {@link ProviderException.Kind#STALLED} failure that keeps what arrived).
 */
final class ModelAttempt {

    private static final long WATCH_PERIOD_MILLIS = 100;

    /** How long to wait, in seconds; 0 for no limit. */
    record Limits(long firstTokenSeconds, long idleSeconds) {}

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

    private enum Verdict { RUNNING, SLOW, STALLED }

    private ModelAttempt() {}

    /**
     * @param follow            hands the stream to the turn, so a stop can cancel it
     * @param turnStartedNanos  when the turn began, for the time to first token
     */
    static Outcome run(ModelProvider provider, ChatRequest request, StoredMessage reply, ConversationStore store, TurnListener listener,
                       ScheduledExecutorService timer, Consumer<ChatStream> follow, Limits limits, long turnStartedNanos) {
        ReplyRecorder recorder = new ReplyRecorder(reply.id(), store, listener, timer);
        long startedNanos = System.nanoTime();
        ChatStream stream = provider.stream(request, recorder);
        follow.accept(stream);
        Verdict[] verdict = {Verdict.RUNNING};
        ScheduledFuture<?> watchdog = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (!recorder.started() && limits.firstTokenSeconds() > 0 && now - startedNanos > TimeUnit.SECONDS.toNanos(limits.firstTokenSeconds())) {
                stop(verdict, Verdict.SLOW, stream);
            } else if (recorder.started() && limits.idleSeconds() > 0
                    && now - recorder.lastActivityNanos() > TimeUnit.SECONDS.toNanos(limits.idleSeconds())) {
                stop(verdict, Verdict.STALLED, stream);
            }
        }, WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        try {
            ChatResult answer = stream.result().join();
            Verdict watched = watched(verdict);
            boolean stoppedByWatchdog = answer.finishReason() == FinishReason.CANCELLED && watched != Verdict.RUNNING;
            if (stoppedByWatchdog && watched == Verdict.STALLED) {
                return new Outcome(null, stalled(provider, limits, answer), false, firstTokenMillis(recorder, turnStartedNanos));
            }
            return new Outcome(answer, null, stoppedByWatchdog, firstTokenMillis(recorder, turnStartedNanos));
        } catch (CompletionException e) {
            ProviderException failure = e.getCause() instanceof ProviderException known ? known
                    : new ProviderException(ProviderException.Kind.SERVER_ERROR, provider.name() + " failed: " + e.getCause().getMessage());
            return new Outcome(null, failure, false, firstTokenMillis(recorder, turnStartedNanos));
        } finally {
            watchdog.cancel(false);
            recorder.stop();
        }
    }

    private static void stop(Verdict[] verdict, Verdict why, ChatStream stream) {
        synchronized (verdict) {
            if (verdict[0] != Verdict.RUNNING) {
                return;
            }
            verdict[0] = why;
        }
        stream.cancel();
    }

    private static Verdict watched(Verdict[] verdict) {
        synchronized (verdict) {
            return verdict[0];
        }
    }

    private static ProviderException stalled(ModelProvider provider, Limits limits, ChatResult partial) {
        return new ProviderException(ProviderException.Kind.STALLED, "The answer from " + provider.name() + " stopped arriving: nothing came for "
                + limits.idleSeconds() + " s, so Jarvis stopped waiting. What arrived is kept; ask again to get the rest"
                + " (models.idleTimeoutSeconds sets how long to wait).", null, partial, null);
    }

    private static Long firstTokenMillis(ReplyRecorder recorder, long turnStartedNanos) {
        return recorder.started() ? (recorder.firstTokenNanos() - turnStartedNanos) / 1_000_000 : null;
    }
}
