package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.routing.Confidence;
import jarvis.orchestrator.routing.EscalationGate;
import jarvis.orchestrator.routing.EscalationPolicy;
import jarvis.orchestrator.routing.FastPath;
import jarvis.orchestrator.routing.Prices;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.ToolRegistry;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn, from the stored question to the stored answer and its route record, in steps: open (store the message,
 * fit the context), route (fast path or model), attempt (the local model), score and escalate
 * ({@link LocalJudgement}), the cloud ({@link CloudStep}) and record ({@link TurnBook}).
 */
final class TurnRunner implements Turn {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);

    private final TurnRequest request;
    private final TurnListener listener;
    private final ConversationStore store;
    private final RouteLog routes;
    private final RouterFeedback feedback;
    private final Models models;
    private final Settings settings;
    private final EventBus bus;
    private final Clock clock;
    private final CompletableFuture<TurnResult> result = new CompletableFuture<>();
    private final CorrelationId correlationId = CorrelationId.next();
    private final long startedNanos = System.nanoTime();
    private final TurnBook book;
    private final ModelAttempt.Rig rig;
    private final Tools tools;
    /** The cards of every tool call this turn made, tied to its reply and route once both are written. */
    private final List<ToolRunner.Card> cards = new CopyOnWriteArrayList<>();
    private volatile ChatStream current;
    private volatile boolean cancelled;

    /** {@code tools} null: the turn offers no tools and knows no module commands. */
    TurnRunner(TurnRequest request, TurnListener listener, ConversationStore store, RouteLog routes, RouterFeedback feedback, Models models,
               Settings settings, EventBus bus, ScheduledExecutorService timer, Executor saves, Clock clock, Tools tools) {
        this.request = request;
        this.listener = listener;
        this.store = store;
        this.routes = routes;
        this.feedback = feedback;
        this.models = models;
        this.settings = settings;
        this.bus = bus;
        this.clock = clock;
        this.tools = tools;
        this.book = new TurnBook(store, routes, clock, correlationId, startedNanos);
        this.rig = new ModelAttempt.Rig(store, listener, timer, saves, this::follow, startedNanos, new LongAdder());
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
    void follow(ChatStream stream) {
        current = stream;
        if (cancelled) {
            stream.cancel();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The runner for tool calls; null when the turn has no tools (then none is offered, so none is called). */
    ToolRunner runner() {
        return tools == null ? null : tools.runner();
    }

    /** Tool calls the cloud step made, to be tied to the turn's reply and route. */
    void tookActions(List<ToolRunner.Card> more) {
        cards.addAll(more);
    }

    /** Tells whoever watches the servers (the status bar) that a request to one of them failed. */
    void reportFailure(Tier tier, String model, ProviderException failure) {
        bus.publish(new ModelFailed(correlationId, clock.instant(), tier, model, failure.kind(), failure.getMessage()));
    }

    void run() {
        correlationId.run(() -> {
            try {
                TurnResult outcome = execute();
                if (tools != null) {
                    tools.runner().attach(cards, outcome.reply().id(), outcome.route().id());
                }
                bus.publish(new TurnCompleted(outcome.route(), outcome.answered()));
                result.complete(outcome.timed(new TurnTimings(System.nanoTime() - startedNanos, rig.modelNanos().sum())));
            } catch (RuntimeException e) {
                LOG.error("A turn failed", e);
                try {
                    book.failOpenReplies("This reply failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + ". Send the message again; if it keeps failing, the log (logs/jarvis.log) has the details.");
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                result.completeExceptionally(e);
            }
        });
    }

    private TurnResult execute() {
        TurnOpening opening = TurnOpening.open(request, store, models, settings.get(SettingsSchema.OLLAMA_CONTEXT), tools);
        book.opened(opening.localReply());
        Conversation conversation = opening.conversation();
        if (opening.command().isPresent()) {
            FastPathCommands.Outcome outcome = FastPathCommands.carryOut(opening.command().get(), conversation, store);
            return fastPath(conversation, opening.command().get().matched(), "the command grammar", outcome.answer(), outcome.shown(), List.of());
        }
        if (opening.moduleCommand().isPresent()) {
            CommandHandler.Handled handled = opening.moduleCommand().get().carryOut(request.text(), tools.runner(),
                    new ToolRunner.Asker(request.text(), "the fast path (no model)", this::cancelled,
                            Optional.of(new CallScope(conversation.id(), conversation.privateMode()))));
            return fastPath(conversation, request.text().strip(), "a device command", handled.answer(), conversation, handled.cards());
        }
        String localModel = opening.localModel();
        if (opening.tooLong() != null) {
            String why = opening.tooLong().getMessage();
            return book.finish(conversation, opening.localReply(), MessageState.FAILED, null, why, book.route(conversation.id(),
                    local(localModel, List.of(why), null, null)));
        }
        ContextFitter.Fitted fitted = opening.fitted();
        List<String> reasons = new ArrayList<>();
        if (fitted.dropped() > 0) {
            reasons.add("left out the " + fitted.dropped() + " oldest messages to fit a context of "
                    + settings.get(SettingsSchema.OLLAMA_CONTEXT) + " tokens");
        }
        Supplier<Optional<String>> refusal = memoised(() -> EscalationGate.refusal(gateFacts(conversation, fitted.estimatedTokens())));
        ToolRegistry.Offer offer = tools == null ? ToolRegistry.Offer.NONE : tools.registry().offerFor(request.text());
        CloudStep cloud = new CloudStep(this, book, models, settings, rig, fitted, offer);
        long firstTokenTimeout = settings.get(SettingsSchema.ROUTER_FIRST_TOKEN);
        StoredMessage localReply = opening.localReply();
        if (request.askCloud()) {
            EscalationPolicy.Verdict asked = EscalationPolicy.decide(new EscalationPolicy.Situation(EscalationPolicy.Local.SKIPPED, 0,
                    settings.get(SettingsSchema.ROUTER_THRESHOLD), true, refusal.get(), firstTokenTimeout));
            Confidence earlier = replacedLocalScore(opening.replacedRouteId());
            if (earlier != null) {
                reasons.add(String.format(Locale.ROOT, "the local answer had scored %.2f (threshold %.2f)", earlier.score(),
                        settings.get(SettingsSchema.ROUTER_THRESHOLD)));
            }
            reasons.add(asked.reason());
            if (asked.escalate()) {
                LocalJudgement judged = earlier == null ? null : new LocalJudgement(EscalationPolicy.Local.SKIPPED, earlier, asked);
                return cloud.answer(conversation, request.text(), reasons, null, null, judged, localModel);
            }
            localReply = book.startReply(conversation.id(), Tier.LOCAL, localModel);
        }
        listener.onReplyStarted(localReply, Tier.LOCAL, localModel);
        ToolSteps.Result localSteps = ToolSteps.run(new ToolSteps.Model(models.local(), localModel,
                        new ChatOptions(settings.get(SettingsSchema.OLLAMA_CONTEXT), null, null, false, true), "the local model " + localModel, true),
                fitted.messages(), offer, runner(), request.text(), conversation.privateMode(), localReply, rig,
                new ModelAttempt.Limits(firstTokenTimeout, settings.get(SettingsSchema.IDLE_TIMEOUT)),
                settings.get(SettingsSchema.TOOLS_MAX_STEPS), this::cancelled);
        ModelAttempt.Outcome local = localSteps.last();
        reasons.addAll(localSteps.notes());
        cards.addAll(localSteps.cards());
        if (local.failure() != null) {
            reportFailure(Tier.LOCAL, localModel, local.failure());
        }
        if (cancelled) {
            ChatResult partial = local.whatArrived();
            return book.finish(conversation, localReply, MessageState.STOPPED, partial, null, book.route(conversation.id(),
                    new TurnBook.Answered(Tier.LOCAL, "ollama", localModel, null, localModel, false, append(reasons, "stopped by the person"),
                            local.firstTokenMillis(), partial, usageOf(local), false, BigDecimal.ZERO)));
        }
        LocalJudgement judgement = LocalJudgement.of(request.text(), local, offer.specs(), feedback.ruleFor(localModel),
                settings.get(SettingsSchema.ROUTER_THRESHOLD), firstTokenTimeout, refusal);
        reasons.addAll(judgement.reasons(local));
        // A cloud model would start from the question and do again what the local model already did (a toggle twice).
        List<ToolRunner.Card> changes = localSteps.cards().stream()
                .filter(card -> card.hazard() != Hazard.READ && card.status() == ToolRunner.Status.DONE).toList();
        if (judgement.verdict().escalate() && changes.isEmpty()) {
            listener.onEscalation(judgement.verdict().reason());
            return cloud.answer(conversation, request.text(), reasons, localReply, local, judgement, localModel);
        }
        if (judgement.verdict().escalate()) {
            reasons.add("the local model had already changed something, so the cloud model was not asked (it would do it again)");
        }
        if (!changes.isEmpty() && local.answer() != null && local.answer().text().isBlank()) {
            local = new ModelAttempt.Outcome(said(local.answer(), changes), local.failure(), local.slow(), local.firstTokenMillis(), local.tokens());
        }
        TurnBook.Answered answered = new TurnBook.Answered(Tier.LOCAL, "ollama", localModel, judgement.confidence(), localModel, false,
                reasons, local.firstTokenMillis(), local.whatArrived(), usageOf(local), false, BigDecimal.ZERO);
        if (judgement.outcome() == EscalationPolicy.Local.ANSWERED && !local.answer().text().isBlank()) {
            return book.finish(conversation, localReply, MessageState.COMPLETE, local.answer(), null, book.route(conversation.id(), answered));
        }
        if (judgement.outcome() == EscalationPolicy.Local.ANSWERED) {
            // Only tool calls, past the limit or not valid: what was not carried out, and why, is said.
            String error = "The local model " + localModel + (localSteps.overLimit()
                    ? " kept calling tools past the limit of " + settings.get(SettingsSchema.TOOLS_MAX_STEPS) + " steps and gave no answer ("
                    : " asked for a tool in a way that is not valid, so it was not carried out (")
                    + String.join("; ", localSteps.notes()) + ")." + refusal.get().map(r -> " The cloud model was not asked: " + r + ".").orElse("");
            return book.finish(conversation, localReply, MessageState.FAILED, local.answer(), error, book.route(conversation.id(), answered));
        }
        String why = local.slow()
                ? "The local model " + localModel + " gave no first token within " + firstTokenTimeout + " s. Check that Ollama is not busy, or raise router.firstTokenTimeoutSeconds."
                : TurnBook.inWords(local.failure(), local.tokens());
        String error = why + refusal.get().map(r -> " The cloud model was not asked: " + r + ".").orElse("");
        ChatResult partial = local.whatArrived();
        MessageState state = local.failure() == null ? MessageState.FAILED : TurnBook.failedState(local.failure(), partial);
        return book.finish(conversation, localReply, state, partial, error, book.route(conversation.id(), answered));
    }

    /** A model's answer of tool calls alone, said in words: what its calls did. */
    private static ChatResult said(ChatResult answer, List<ToolRunner.Card> changes) {
        String text = changes.stream().map(ToolRunner.Card::summary).collect(Collectors.joining(" "));
        return new ChatResult(answer.model(), text, answer.thinking(), answer.toolCalls(), answer.usage(), answer.finishReason(), answer.logprobs());
    }

    /**
     * The score of the local answer that Ask the cloud replaces, for the route to show; only the score, so the cloud
     * route teaches the router nothing (the replaced answer's own route takes the person's verdict).
     */
    private Confidence replacedLocalScore(String routeId) {
        return Optional.ofNullable(routeId).flatMap(routes::find)
                .filter(route -> route.tier() == Tier.LOCAL && route.score() != null)
                .map(route -> new Confidence(route.score(), null, "earlier", List.of()))
                .orElse(null);
    }

    private static TurnBook.Answered local(String model, List<String> reasons, Long firstTokenMillis, ChatResult answer) {
        return new TurnBook.Answered(Tier.LOCAL, "ollama", model, null, model, false, reasons, firstTokenMillis, answer, usageOf(answer),
                false, BigDecimal.ZERO);
    }

    private static Usage usageOf(ChatResult answer) {
        return answer == null ? Usage.NONE : answer.usage();
    }

    /**
     * What the local model used: its own counts, or for an answer cut before Ollama sent them, the tokens that arrived,
     * so the route and the reply's "cut off after N tokens" say the same number.
     */
    private static Usage usageOf(ModelAttempt.Outcome local) {
        Usage counted = usageOf(local.whatArrived());
        return counted.outputTokens() > 0 || local.tokens() == 0 ? counted : new Usage(counted.inputTokens(), local.tokens());
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

    /** A turn answered with no model: by the built-in command grammar or a module's command (with the cards of what it did). */
    private TurnResult fastPath(Conversation conversation, String matched, String grammar, String answer, Conversation shown,
                                List<ToolRunner.Card> done) {
        RouteRecord route = book.route(conversation.id(), new TurnBook.Answered(Tier.FAST_PATH, null, null, null, null, false,
                List.of("matched " + grammar + ": \"" + matched + "\""), book.elapsedMillis(), null, Usage.NONE, false, BigDecimal.ZERO));
        routes.save(route);
        StoredMessage reply = store.addReply(conversation.id(), answer, Tier.FAST_PATH.name(), route.id());
        cards.addAll(done);
        listener.onReplyStarted(reply, Tier.FAST_PATH, null);
        done.forEach(listener::onToolCall);
        listener.onText(answer);
        Conversation result = store.find(shown.id()).orElse(shown);
        return new TurnResult(result, store.message(reply.id()).orElseThrow(), Optional.empty(), route);
    }

    private EscalationGate.Facts gateFacts(Conversation conversation, int estimatedInputTokens) {
        RouteLog.Spend spent = routes.spend(clock, ZoneId.systemDefault());
        BigDecimal estimate = Prices.parse(settings.get(SettingsSchema.PRICES))
                .estimate(models.cloudModel(), estimatedInputTokens, CloudStep.MAX_OUTPUT).orElse(null);
        return new EscalationGate.Facts(conversation.privateMode(), settings.get(SettingsSchema.OFFLINE), models.cloudProviderName(),
                models.cloudModel(), models.cloudKeyPresent(), spent.today(), spent.thisMonth(), estimate,
                settings.get(SettingsSchema.BUDGET_DAILY), settings.get(SettingsSchema.BUDGET_MONTHLY));
    }

    static List<String> append(List<String> reasons, List<String> more) {
        List<String> all = new ArrayList<>(reasons);
        all.addAll(more);
        return all;
    }

    static List<String> append(List<String> reasons, String more) {
        List<String> all = new ArrayList<>(reasons);
        all.add(more);
        return all;
    }
}
