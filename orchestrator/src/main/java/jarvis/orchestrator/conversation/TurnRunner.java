package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.routing.Confidence;
import jarvis.orchestrator.routing.ConfidenceScorer;
import jarvis.orchestrator.routing.EscalationGate;
import jarvis.orchestrator.routing.EscalationPolicy;
import jarvis.orchestrator.routing.FastPath;
import jarvis.orchestrator.routing.Prices;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.ScoringWeights;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.resources.Resources;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One turn, from the stored question to the stored answer and its route record. */
final class TurnRunner implements Turn {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);
    private static final int CLOUD_MAX_OUTPUT = 2048;
    private static final ConfidenceScorer SCORER = new ConfidenceScorer();
    private static final String SYSTEM_PROMPT = Resources.text("prompts/system.txt");

    private final TurnRequest request;
    private final TurnListener listener;
    private final ConversationStore store;
    private final RouteLog routes;
    private final Models models;
    private final Settings settings;
    private final EventBus bus;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final CompletableFuture<TurnResult> result = new CompletableFuture<>();
    private final CorrelationId correlationId = CorrelationId.next();
    private final long startedNanos = System.nanoTime();
    private volatile ChatStream current;
    private volatile boolean cancelled;

    TurnRunner(TurnRequest request, TurnListener listener, ConversationStore store, RouteLog routes, Models models,
               Settings settings, EventBus bus, ScheduledExecutorService timer, Clock clock) {
        this.request = request;
        this.listener = listener;
        this.store = store;
        this.routes = routes;
        this.models = models;
        this.settings = settings;
        this.bus = bus;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<TurnResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        ChatStream stream = current;
        if (stream != null) {
            stream.cancel();
        }
    }

    /** Makes {@code stream} the one a stop cancels; a stop that came before it cancels it at once. */
    private void follow(ChatStream stream) {
        current = stream;
        if (cancelled) {
            stream.cancel();
        }
    }

    void run() {
        correlationId.run(() -> {
            try {
                TurnResult outcome = execute();
                bus.publish(new TurnCompleted(outcome.route(), outcome.answered()));
                result.complete(outcome);
            } catch (RuntimeException e) {
                LOG.error("A turn failed", e);
                result.completeExceptionally(e);
            }
        });
    }

    /**
     * The start of a turn, read and written in one transaction: the conversation, the message stored, what fits of
     * the conversation into the context (or why nothing does), and the local reply row when one will stream.
     */
    private record Opening(Conversation conversation, ContextFitter.Fitted fitted, ContextFitter.TooLong tooLong,
                           StoredMessage localReply) {}

    private TurnResult execute() {
        Optional<FastPath.Command> command = FastPath.match(request.text());
        int context = settings.get(SettingsSchema.OLLAMA_CONTEXT);
        Opening opening = store.together(() -> {
            Conversation conversation = request.conversationId() == null
                    ? store.create(title(request.text()), request.privateMode())
                    : store.find(request.conversationId()).orElseThrow(() -> new IllegalArgumentException(
                            "There is no conversation " + request.conversationId() + ". Run './jarvis history' to see them."));
            List<StoredMessage> earlier = store.messages(conversation.id());
            store.addUserMessage(conversation.id(), request.text());
            if (command.isPresent()) {
                return new Opening(conversation, null, null, null);
            }
            try {
                ContextFitter.Fitted fitted = ContextFitter.fit(ChatMessage.system(SYSTEM_PROMPT), history(earlier, request.text()), context);
                StoredMessage reply = request.askCloud() ? null : store.startReply(conversation.id(), Tier.LOCAL.name(), localModel(conversation));
                return new Opening(conversation, fitted, null, reply);
            } catch (ContextFitter.TooLong e) {
                return new Opening(conversation, null, e, store.startReply(conversation.id(), Tier.LOCAL.name(), localModel(conversation)));
            }
        });
        Conversation conversation = opening.conversation();
        if (command.isPresent()) {
            return fastPath(conversation, command.get());
        }
        String localModel = localModel(conversation);
        if (opening.tooLong() != null) {
            String why = opening.tooLong().getMessage();
            return finish(conversation, opening.localReply(), MessageState.FAILED, null, why,
                    route(conversation, Tier.LOCAL, "ollama", localModel, null, false, List.of(why), null, null, null));
        }
        ContextFitter.Fitted fitted = opening.fitted();
        List<String> reasons = new ArrayList<>();
        if (fitted.dropped() > 0) {
            reasons.add("left out the " + fitted.dropped() + " oldest messages to fit a context of " + context + " tokens");
        }
        // The gate reads the spend so far; a confident local answer never needs it.
        Supplier<Optional<String>> refusal = memoised(() -> EscalationGate.refusal(gateFacts(conversation, fitted.estimatedTokens())));
        double threshold = settings.get(SettingsSchema.ROUTER_THRESHOLD);
        long timeout = settings.get(SettingsSchema.ROUTER_FIRST_TOKEN);
        StoredMessage localReply = opening.localReply();
        if (request.askCloud()) {
            EscalationPolicy.Verdict asked = EscalationPolicy.decide(new EscalationPolicy.Situation(
                    EscalationPolicy.Local.SKIPPED, 0, threshold, true, refusal.get(), timeout));
            reasons.add(asked.reason());
            if (asked.escalate()) {
                return cloud(conversation, fitted, reasons, null, null, null);
            }
            localReply = store.startReply(conversation.id(), Tier.LOCAL.name(), localModel);
        }
        listener.onReplyStarted(localReply, Tier.LOCAL, localModel);
        ModelAttempt.Outcome local = ModelAttempt.run(models.local(), new ChatRequest(localModel, fitted.messages(), List.of(),
                new ChatOptions(context, null, null, false, true)), localReply, store, listener, timer, this::follow, timeout, startedNanos);
        if (cancelled) {
            ChatResult partial = local.whatArrived();
            return finish(conversation, localReply, MessageState.STOPPED, partial, null, route(conversation, Tier.LOCAL, "ollama", localModel,
                    null, false, append(reasons, "stopped by the person"), local.firstTokenMillis(), partial, BigDecimal.ZERO));
        }
        Double score = null;
        EscalationPolicy.Local outcome;
        if (local.answer() != null && !local.slow()) {
            // Device tools arrive with the device issues; until then no turn offers tools.
            Confidence confidence = SCORER.score(request.text(), local.answer(), List.of(), ScoringWeights.from(settings));
            score = confidence.score();
            reasons.addAll(confidence.signals());
            outcome = EscalationPolicy.Local.ANSWERED;
        } else if (local.slow()) {
            outcome = EscalationPolicy.Local.SLOW;
        } else {
            reasons.add("the local model could not answer: " + local.failure().getMessage());
            outcome = EscalationPolicy.Local.DOWN;
        }
        EscalationPolicy.Verdict verdict = request.askCloud()
                ? new EscalationPolicy.Verdict(false, "")
                : EscalationPolicy.decide(new EscalationPolicy.Situation(outcome, score == null ? 0 : score, threshold, false,
                        needsGate(outcome, score, threshold) ? refusal.get() : Optional.empty(), timeout));
        if (!verdict.reason().isEmpty()) {
            reasons.add(verdict.reason());
        }
        if (verdict.escalate()) {
            listener.onEscalation(verdict.reason());
            return cloud(conversation, fitted, reasons, localReply, local.whatArrived(), score);
        }
        if (outcome == EscalationPolicy.Local.ANSWERED) {
            return finish(conversation, localReply, MessageState.COMPLETE, local.answer(), null, route(conversation, Tier.LOCAL, "ollama",
                    localModel, score, false, reasons, local.firstTokenMillis(), local.answer(), BigDecimal.ZERO));
        }
        String why = local.slow()
                ? "The local model " + localModel + " gave no first token within " + timeout + " s. Check that Ollama is not busy, or raise router.firstTokenTimeoutSeconds."
                : local.failure().getMessage();
        String error = why + refusal.get().map(r -> " The cloud model was not asked: " + r + ".").orElse("");
        ChatResult partial = local.whatArrived();
        return finish(conversation, localReply, MessageState.FAILED, partial, error, route(conversation, Tier.LOCAL, "ollama", localModel,
                score, false, reasons, local.firstTokenMillis(), partial, BigDecimal.ZERO));
    }


    private String localModel(Conversation conversation) {
        return conversation.model() != null ? conversation.model() : models.localModel();
    }

    private static boolean needsGate(EscalationPolicy.Local outcome, Double score, double threshold) {
        return outcome != EscalationPolicy.Local.ANSWERED || score == null || score < threshold;
    }

    private static <T> Supplier<T> memoised(Supplier<T> supplier) {
        Object[] value = {null};
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T result = (T) value[0];
            return result;
        };
    }


    private TurnResult cloud(Conversation conversation, ContextFitter.Fitted fitted, List<String> reasons, StoredMessage localReply,
                             ChatResult localAnswer, Double score) {
        String model = models.cloudModel();
        String provider = models.cloudProviderName();
        StoredMessage reply = store.startReply(conversation.id(), Tier.CLOUD.name(), model);
        listener.onReplyStarted(reply, Tier.CLOUD, model);
        ModelAttempt.Outcome attempt = ModelAttempt.run(models.cloud().orElseThrow(), new ChatRequest(model, fitted.messages(), List.of(),
                new ChatOptions(null, CLOUD_MAX_OUTPUT, null, false, false)), reply, store, listener, timer, this::follow, 0, startedNanos);
        if (attempt.failure() != null) {
            ProviderException failure = attempt.failure();
            ChatResult partial = attempt.whatArrived();
            List<String> all = append(reasons, "the cloud model failed: " + failure.getMessage());
            RouteRecord route = route(conversation, Tier.CLOUD, provider, model, score, true, all, attempt.firstTokenMillis(), partial,
                    cost(model, partial));
            TurnResult failed = finish(conversation, reply, MessageState.FAILED, partial, failure.getMessage(), route);
            if (localReply != null) {
                // The local answer, if there is one, stands when the cloud one fails.
                boolean stands = localAnswer != null && !localAnswer.text().isBlank();
                store.finishReply(localReply.id(), localAnswer == null ? "" : localAnswer.text(), localAnswer == null ? null : localAnswer.thinking(),
                        null, stands ? MessageState.COMPLETE : MessageState.FAILED, route.id(),
                        stands ? null : "No local answer, and the cloud model failed: " + failure.getMessage());
            }
            return failed;
        }
        ChatResult answer = attempt.answer();
        MessageState state = answer.finishReason() == FinishReason.CANCELLED ? MessageState.STOPPED : MessageState.COMPLETE;
        RouteRecord route = route(conversation, Tier.CLOUD, provider, model, score, localReply != null || request.askCloud(),
                cancelled ? append(reasons, "stopped by the person") : reasons, attempt.firstTokenMillis(), answer, cost(model, answer));
        TurnResult done = finish(conversation, reply, state, answer, null, route);
        Optional<StoredMessage> replaced = Optional.empty();
        if (localReply != null) {
            String why = localAnswer == null || localAnswer.text().isBlank() ? reasons.getLast() : null;
            store.finishReply(localReply.id(), localAnswer == null ? "" : localAnswer.text(), localAnswer == null ? null : localAnswer.thinking(),
                    null, MessageState.SUPERSEDED, route.id(), why);
            replaced = store.message(localReply.id());
        }
        return new TurnResult(conversation, done.reply(), replaced, route);
    }

    private TurnResult fastPath(Conversation conversation, FastPath.Command command) {
        FastPathCommands.Outcome outcome = FastPathCommands.carryOut(command, conversation, store);
        String answer = outcome.answer();
        Conversation shown = outcome.shown();
        RouteRecord route = route(conversation, Tier.FAST_PATH, null, null, null, false,
                List.of("matched the command grammar: \"" + command.matched() + "\""), elapsedMillis(), null, BigDecimal.ZERO);
        routes.save(route);
        StoredMessage reply = store.addReply(conversation.id(), answer, Tier.FAST_PATH.name(), route.id());
        listener.onReplyStarted(reply, Tier.FAST_PATH, null);
        listener.onText(answer);
        Conversation result = store.find(shown.id()).orElse(shown);
        return new TurnResult(result, store.message(reply.id()).orElseThrow(), Optional.empty(), route);
    }

    private TurnResult finish(Conversation conversation, StoredMessage reply, MessageState state, ChatResult answer, String error,
                              RouteRecord route) {
        String toolCalls = answer == null || answer.toolCalls().isEmpty() ? null : answer.toolCalls().toString();
        String text = answer == null ? "" : answer.text();
        String thinking = answer == null ? null : answer.thinking();
        store.together(() -> {
            routes.save(route);
            store.finishReply(reply.id(), text, thinking, toolCalls, state, route.id(), error);
            return null;
        });
        // What was just written, without reading it back.
        StoredMessage finished = new StoredMessage(reply.id(), reply.conversationId(), reply.role(), text, thinking, toolCalls, state,
                reply.tier(), reply.model(), route.id(), error, reply.createdAt(), route.createdAt());
        return new TurnResult(conversation, finished, Optional.empty(), route);
    }

    private RouteRecord route(Conversation conversation, Tier tier, String provider, String model, Double score, boolean escalated,
                              List<String> reasons, Long firstTokenMillis, ChatResult answer, BigDecimal cost) {
        return new RouteRecord(UUID.randomUUID().toString(), conversation.id(), correlationId, tier, provider, model, score, escalated,
                reasons, firstTokenMillis, elapsedMillis(), answer == null ? 0 : answer.usage().inputTokens(),
                answer == null ? 0 : answer.usage().outputTokens(), cost, clock.instant());
    }

    private EscalationGate.Facts gateFacts(Conversation conversation, int estimatedInputTokens) {
        RouteLog.Spend spent = routes.spend(clock, ZoneId.systemDefault());
        BigDecimal estimate = Prices.parse(settings.get(SettingsSchema.PRICES))
                .estimate(models.cloudModel(), estimatedInputTokens, CLOUD_MAX_OUTPUT).orElse(null);
        return new EscalationGate.Facts(conversation.privateMode(), settings.get(SettingsSchema.OFFLINE), models.cloudProviderName(),
                models.cloudModel(), models.cloudKeyPresent(), spent.today(), spent.thisMonth(), estimate,
                settings.get(SettingsSchema.BUDGET_DAILY), settings.get(SettingsSchema.BUDGET_MONTHLY));
    }

    private BigDecimal cost(String model, ChatResult answer) {
        return answer == null ? BigDecimal.ZERO : Prices.parse(settings.get(SettingsSchema.PRICES)).cost(model, answer.usage()).orElse(null);
    }

    /** The conversation so far as a model reads it, ending with the new message; failed and replaced replies are left out. */
    private static List<ChatMessage> history(List<StoredMessage> earlier, String newest) {
        List<ChatMessage> history = new ArrayList<>();
        for (StoredMessage message : earlier) {
            boolean kept = message.state() == MessageState.COMPLETE || message.state() == MessageState.STOPPED
                    || message.state() == MessageState.INTERRUPTED;
            if (kept && !message.content().isBlank()) {
                history.add(message.role() == ChatMessage.Role.USER ? ChatMessage.user(message.content()) : ChatMessage.assistant(message.content()));
            }
        }
        history.add(ChatMessage.user(newest));
        return history;
    }

    private static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("New conversation");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static List<String> append(List<String> reasons, String more) {
        List<String> all = new ArrayList<>(reasons);
        all.add(more);
        return all;
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

}
