package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.routing.Confidence;
import jarvis.orchestrator.routing.EscalationPolicy;
import jarvis.orchestrator.routing.Prices;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The record step of a turn: its route record and the final state of each reply row it started. It remembers
 * which rows are still streaming, so a turn that fails for any reason ends them as failed instead of leaving them
 * streaming until the next start.
 */
final class TurnBook {

    /** Characters per token, for estimating what a server did not count (the usual figure for English text). */
    private static final int CHARACTERS_PER_TOKEN = 4;

    private final ConversationStore store;
    private final RouteLog routes;
    private final Clock clock;
    private final CorrelationId correlationId;
    private final long startedNanos;
    private final Set<Long> open = new LinkedHashSet<>();

    TurnBook(ConversationStore store, RouteLog routes, Clock clock, CorrelationId correlationId, long startedNanos) {
        this.store = store;
        this.routes = routes;
        this.clock = clock;
        this.correlationId = correlationId;
        this.startedNanos = startedNanos;
    }

    /** A reply row now streaming, which this turn must end. */
    synchronized StoredMessage opened(StoredMessage reply) {
        if (reply != null) {
            open.add(reply.id());
        }
        return reply;
    }

    StoredMessage startReply(String conversationId, Tier tier, String model) {
        return opened(store.startReply(conversationId, tier.name(), model));
    }

    /** What a route record says about one answer. */
    record Answered(Tier tier, String provider, String model, Confidence confidence, String scoredModel, boolean escalated,
                    List<String> reasons, Long firstTokenMillis, ChatResult answer, Usage usage, boolean usageEstimated, BigDecimal cost) {}

    RouteRecord route(String conversationId, Answered a) {
        return new RouteRecord(UUID.randomUUID().toString(), conversationId, correlationId, a.tier(), a.provider(), a.model(),
                a.confidence() == null ? null : a.confidence().score(), a.escalated(), a.reasons(), a.firstTokenMillis(), elapsedMillis(),
                a.usage().inputTokens(), a.usage().outputTokens(), a.cost(), clock.instant(), a.confidence() == null ? null : a.scoredModel(),
                a.confidence() == null ? null : a.confidence().features(), a.usageEstimated());
    }

    /** Writes the route and the reply's final state in one transaction; returns what was written, without reading it back. */
    TurnResult finish(Conversation conversation, StoredMessage reply, MessageState state, ChatResult answer, String error, RouteRecord route) {
        return finish(conversation, reply, state, answer, error, route, () -> {});
    }

    /**
     * Writes the route, the cloud reply's final state and the local reply it replaces in one transaction; the result
     * carries the replaced reply as stored.
     */
    TurnResult finishReplacing(Conversation conversation, StoredMessage reply, MessageState state, ChatResult answer, RouteRecord route,
                               StoredMessage localReply, ChatResult localAnswer, String localWhy) {
        String localText = localAnswer == null ? "" : localAnswer.text();
        String localThinking = localAnswer == null ? null : localAnswer.thinking();
        TurnResult done = finish(conversation, reply, state, answer, null, route,
                () -> store.finishReply(localReply.id(), localText, localThinking, null, MessageState.SUPERSEDED, route.id(), localWhy));
        closed(localReply.id());
        StoredMessage replaced = new StoredMessage(localReply.id(), localReply.conversationId(), localReply.role(), localText, localThinking,
                null, MessageState.SUPERSEDED, localReply.tier(), localReply.model(), route.id(), localWhy, localReply.createdAt(),
                route.createdAt());
        return new TurnResult(conversation, done.reply(), Optional.of(replaced), route);
    }

    /** Ends the turn with one failed reply in place of the empty local reply it had started, which goes. */
    TurnResult finishInstead(Conversation conversation, StoredMessage reply, MessageState state, ChatResult answer, String error,
                             RouteRecord route, StoredMessage emptyLocalReply) {
        TurnResult done = finish(conversation, reply, state, answer, error, route, () -> store.deleteMessage(emptyLocalReply.id()));
        closed(emptyLocalReply.id());
        return done;
    }

    private TurnResult finish(Conversation conversation, StoredMessage reply, MessageState state, ChatResult answer, String error,
                              RouteRecord route, Runnable alsoWrite) {
        String toolCalls = answer == null || answer.toolCalls().isEmpty() ? null : answer.toolCalls().toString();
        String text = answer == null ? "" : answer.text();
        String thinking = answer == null ? null : answer.thinking();
        store.together(() -> {
            routes.save(route);
            store.finishReply(reply.id(), text, thinking, toolCalls, state, route.id(), error);
            alsoWrite.run();
            return null;
        });
        closed(reply.id());
        StoredMessage finished = new StoredMessage(reply.id(), reply.conversationId(), reply.role(), text, thinking, toolCalls, state,
                reply.tier(), reply.model(), route.id(), error, reply.createdAt(), route.createdAt());
        return new TurnResult(conversation, finished, Optional.empty(), route);
    }

    /** Ends a reply row that no route record describes on its own (a local answer an escalation replaced). */
    void end(StoredMessage reply, ChatResult answer, MessageState state, String routeId, String error) {
        store.finishReply(reply.id(), answer == null ? "" : answer.text(), answer == null ? null : answer.thinking(), null, state,
                routeId, error);
        closed(reply.id());
    }

    /** After a turn failed on its way: every row it left streaming ends as failed, with the reason. */
    void failOpenReplies(String why) {
        List<Long> left;
        synchronized (this) {
            left = List.copyOf(open);
            open.clear();
        }
        for (long id : left) {
            store.failReply(id, why);
        }
    }

    private synchronized void closed(long id) {
        open.remove(id);
    }

    /** The state a reply ends in when its model failed: cut when text had arrived (it is kept, marked), else failed. */
    static MessageState failedState(ProviderException failure, ChatResult partial) {
        boolean hasText = partial != null && !partial.text().isBlank();
        return hasText ? MessageState.CUT : MessageState.FAILED;
    }

    /** A model's failure as the reply says it: a cut-off answer says how far it got. */
    static String inWords(ProviderException failure, int tokens) {
        return switch (failure.kind()) {
            case STREAM_CUT -> "Cut off by the server after " + EscalationPolicy.tokens(tokens) + ". " + failure.getMessage();
            case STALLED -> tokens > 0 ? "Stopped arriving after " + EscalationPolicy.tokens(tokens) + ". " + failure.getMessage()
                    : failure.getMessage();
            default -> failure.getMessage();
        };
    }

    /** The server's token counts, or an estimate where it sent none: (usage, estimated). */
    static Estimated usage(ChatResult answer, int estimatedInputTokens) {
        if (answer == null) {
            return new Estimated(Usage.NONE, false);
        }
        Usage counted = answer.usage();
        if (counted.equals(Usage.NONE) && (answer.text() + answer.thinking()).isEmpty()) {
            // Nothing came back, so nothing says the server read the request: no estimate that would count against the budget.
            return new Estimated(counted, false);
        }
        boolean missingIn = counted.inputTokens() <= 0;
        boolean missingOut = counted.outputTokens() <= 0 && !(answer.text() + answer.thinking()).isEmpty();
        if (!missingIn && !missingOut) {
            return new Estimated(counted, false);
        }
        int out = missingOut ? (int) Math.ceil((answer.text().length() + answer.thinking().length()) / (double) CHARACTERS_PER_TOKEN)
                : counted.outputTokens();
        return new Estimated(new Usage(missingIn ? estimatedInputTokens : counted.inputTokens(), out), true);
    }

    record Estimated(Usage usage, boolean estimated) {}

    static BigDecimal cost(Prices prices, String model, Usage usage) {
        return prices.cost(model, usage).orElse(null);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
