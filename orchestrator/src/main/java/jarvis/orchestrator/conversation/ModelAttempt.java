package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ProviderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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

    /**
     * What every attempt of one turn shares: where replies are stored, who follows the turn, the timer that schedules
     * watchdogs and saves, the executor saves run on, the hand-over of each stream to the turn (so a stop can cancel
     * it) and when the turn began (for the time to first token).
     */
    record Rig(ConversationStore store, TurnListener listener, ScheduledExecutorService timer, Executor saves,
               Consumer<ChatStream> follow, long turnStartedNanos, LongAdder modelNanos) {}

    /**
     * What the model did: its answer, or the failure (with what arrived), whether it was too slow, when it began, and
     * how many tokens arrived (the server's count, or the pieces streamed where it sent none).
     */
    record Outcome(ChatResult answer, ProviderException failure, boolean slow, Long firstTokenMillis, int tokens) {

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

    static Outcome run(ModelProvider provider, ChatRequest request, StoredMessage reply, Rig rig, Limits limits) {
        ReplyRecorder recorder = new ReplyRecorder(reply.id(), rig.store(), rig.listener(), rig.timer(), rig.saves());
        long startedNanos = System.nanoTime();
        long turnStartedNanos = rig.turnStartedNanos();
        ChatStream stream = provider.stream(request, recorder);
        rig.follow().accept(stream);
        AtomicReference<Verdict> verdict = new AtomicReference<>(Verdict.RUNNING);
        ScheduledFuture<?> watchdog = rig.timer().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            Verdict why = Verdict.RUNNING;
            if (!recorder.started() && limits.firstTokenSeconds() > 0 && now - startedNanos > TimeUnit.SECONDS.toNanos(limits.firstTokenSeconds())) {
                why = Verdict.SLOW;
            } else if (recorder.started() && limits.idleSeconds() > 0
                    && now - recorder.lastActivityNanos() > TimeUnit.SECONDS.toNanos(limits.idleSeconds())) {
                why = Verdict.STALLED;
            }
            if (why != Verdict.RUNNING && verdict.compareAndSet(Verdict.RUNNING, why)) {
                stream.cancel();
            }
        }, WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        try {
            ChatResult answer = stream.result().join();
            Verdict watched = verdict.get();
            boolean stoppedByWatchdog = answer.finishReason() == FinishReason.CANCELLED && watched != Verdict.RUNNING;
            if (stoppedByWatchdog && watched == Verdict.STALLED) {
                return new Outcome(null, stalled(provider, limits, answer), false, firstTokenMillis(recorder, turnStartedNanos), tokens(recorder, answer));
            }
            return new Outcome(answer, null, stoppedByWatchdog, firstTokenMillis(recorder, turnStartedNanos), tokens(recorder, answer));
        } catch (CompletionException e) {
            ProviderException failure = e.getCause() instanceof ProviderException known ? known
                    : new ProviderException(ProviderException.Kind.SERVER_ERROR, provider.name() + " failed: " + e.getCause().getMessage());
            return new Outcome(null, failure, false, firstTokenMillis(recorder, turnStartedNanos),
                    tokens(recorder, failure.partial().orElse(null)));
        } finally {
            rig.modelNanos().add(System.nanoTime() - startedNanos);
            watchdog.cancel(false);
            recorder.stop();
        }
    }

    private static ProviderException stalled(ModelProvider provider, Limits limits, ChatResult partial) {
        return new ProviderException(ProviderException.Kind.STALLED, "The answer from " + provider.name() + " stopped arriving: nothing came for "
                + limits.idleSeconds() + " s, so Jarvis stopped waiting. What arrived is kept; ask again to get the rest"
                + " (models.idleTimeoutSeconds sets how long to wait).", null, partial, null);
    }

    private static int tokens(ReplyRecorder recorder, ChatResult arrived) {
        int counted = arrived == null ? 0 : arrived.usage().outputTokens();
        return counted > 0 ? counted : recorder.pieces();
    }

    private static Long firstTokenMillis(ReplyRecorder recorder, long turnStartedNanos) {
        return recorder.started() ? (recorder.firstTokenNanos() - turnStartedNanos) / 1_000_000 : null;
    }
}
