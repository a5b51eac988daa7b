package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.orchestrator.events.CorrelationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries out one tool call, whoever asked (a model, the fast path, a click): a hazardous one only once a person
 * confirms within the time allowed, every one written to the audit log, and each giving a card for the chat and a
 * result for the model. Arguments are checked against the schema before this (see {@code ToolCheck}).
 */
public final class ToolRunner {

    /**
     * Who is asking, for the audit log and the confirmation: the request, who proposed the call ("the local model
     * llama3.2"), whether the person has since stopped it (a stopped turn withdraws its question and runs nothing),
     * the conversation it comes from, if any, and where long work says how it is going (a line at a time).
     */
    public record Asker(String request, String requestedBy, BooleanSupplier stopped, Optional<CallScope> scope, Consumer<String> progress) {

        public Asker(String request, String requestedBy, BooleanSupplier stopped, Optional<CallScope> scope) {
            this(request, requestedBy, stopped, scope, said -> { });
        }

        public Asker(String request, String requestedBy, BooleanSupplier stopped) {
            this(request, requestedBy, stopped, Optional.empty());
        }

        public Asker(String request, String requestedBy) {
            this(request, requestedBy, () -> false);
        }
    }

    /** How a call ended, for its card. */
    public enum Status { DONE, FAILED, REFUSED, EXPIRED }

    /** A call's card: what it did in words, its hazard class, how it ended, and how to undo it. */
    public record Card(long auditId, String tool, String description, Hazard hazard, Status status, String summary, Optional<Undo> undo) {}

    /** A call carried out: its card, and what goes back to the model. */
    public record Ran(Card card, JsonNode forModel) {}

    private static final Duration LOOK_FOR_STOP = Duration.ofMillis(100);

    private final ObjectMapper json = new ObjectMapper();
    private final AuditLog audit;
    private final Confirmer confirmer;
    private final Supplier<Duration> confirmationTime;
    private final Clock clock;
    private final Consumer<ActionTaken> told;

    public ToolRunner(AuditLog audit, Confirmer confirmer, Supplier<Duration> confirmationTime, Clock clock) {
        this(audit, confirmer, confirmationTime, clock, action -> { });
    }

    /** {@code told} hears of every action once it is in the audit log (the event bus, for Activity). */
    public ToolRunner(AuditLog audit, Confirmer confirmer, Supplier<Duration> confirmationTime, Clock clock, Consumer<ActionTaken> told) {
        this.audit = audit;
        this.confirmer = confirmer;
        this.confirmationTime = confirmationTime;
        this.clock = clock;
        this.told = told;
    }

    /** The same runner asking another person (the command line's terminal instead of the window). */
    public ToolRunner askingWith(Confirmer other) {
        return new ToolRunner(audit, other, confirmationTime, clock, told);
    }

    /**
     * Carries out one call. What is about to be done, and the confirmation, are in the audit log before the call is
     * made; its result is added once it ends, so a call that hangs or a process that dies still leaves the record.
     */
    public Ran run(Tool tool, JsonNode arguments, Asker asker) {
        String description = tool.describe(arguments);
        Optional<String> why = tool.needsConfirmation(arguments);
        Hazard hazard = why.isPresent() ? Hazard.HAZARD : tool.hazard();
        Confirmation confirmation = asker.stopped().getAsBoolean() ? stopped() : confirm(tool, arguments, why, description, asker);
        if (!confirmation.confirmed()) {
            String because = why.map(reason -> ", because " + reason + ",").orElse("");
            String said = switch (confirmation.decision()) {
                case EXPIRED -> "Not done: " + description + " waited for a person's confirmation" + because + " for "
                        + confirmationTime.get().toSeconds() + " s, and it expired.";
                case NO_ONE_TO_ASK -> "Not done: " + description + " needs a person's confirmation" + because
                        + " and there was no one to ask.";
                default -> confirmation.by() == null ? "Not done: " + description + " was stopped before it ran."
                        : "Not done: the person refused " + description + ".";
            };
            long id = begin(tool, arguments, hazard, asker, confirmation);
            return ended(new Card(id, tool.name(), description, hazard,
                    confirmation.decision() == Confirmation.Decision.EXPIRED ? Status.EXPIRED : Status.REFUSED, said, Optional.empty()),
                    asker, outcome(false, said));
        }
        long id = begin(tool, arguments, hazard, asker, confirmation);
        try {
            ToolResult result = CallScope.run(asker.scope(), asker.stopped(), asker.progress(), tool, arguments);
            return ended(new Card(id, tool.name(), description, hazard, Status.DONE, result.summary(), result.undo()), asker, result.forModel());
        } catch (ToolException | RuntimeException e) {
            String said = "Failed: " + description + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return ended(new Card(id, tool.name(), description, hazard, Status.FAILED, said, Optional.empty()), asker, outcome(false, said));
        }
    }

    /** Writes the call's result to its audit entry and tells whoever follows the actions. */
    private Ran ended(Card card, Asker asker, JsonNode forModel) {
        audit.finish(card.auditId(), card.status() == Status.DONE, card.summary());
        told.accept(new ActionTaken(CorrelationId.next(), clock.instant(), asker.requestedBy(), card));
        return new Ran(card, forModel);
    }

    /** Ties the cards' audit entries to the reply that shows them and the route that led to them. */
    public void attach(List<Card> cards, long replyId, String routeId) {
        audit.attach(cards.stream().map(Card::auditId).toList(), replyId, routeId);
    }

    /**
     * The cards of a conversation's replies as the audit log kept them, by reply id: what was done or refused, without
     * Undo (that lives only as long as the window that made the change).
     */
    public Map<Long, List<Card>> cardsOf(String conversationId) {
        Map<Long, List<Card>> byReply = new LinkedHashMap<>();
        for (AuditEntry entry : audit.ofConversation(conversationId)) {
            Status status = entry.ok() ? Status.DONE : switch (entry.confirmation()) {
                case EXPIRED -> Status.EXPIRED;
                case REFUSED, NO_ONE_TO_ASK -> Status.REFUSED;
                default -> Status.FAILED;
            };
            byReply.computeIfAbsent(entry.replyId(), id -> new ArrayList<>())
                    .add(new Card(entry.id(), entry.tool(), entry.arguments(), entry.hazard(), status, entry.result(), Optional.empty()));
        }
        return byReply;
    }

    /**
     * Undoes a change a card offers, step by step through {@link #run}: a step that is hazardous by now asks first,
     * and each is in the audit log. Says what was put back; throws when a step was not done.
     */
    public String undo(Card card, Asker asker) throws ToolException {
        Undo undo = card.undo().orElseThrow(() -> new ToolException(card.description() + " cannot be undone."));
        List<String> done = new ArrayList<>();
        for (Undo.Step step : undo.steps()) {
            Card back = run(step.tool(), step.arguments(), asker).card();
            if (back.status() != Status.DONE) {
                throw new ToolException(String.join(" ", done) + (done.isEmpty() ? "" : " ") + back.summary());
            }
            done.add(back.summary());
        }
        return String.join(" ", done);
    }

    private Confirmation confirm(Tool tool, JsonNode arguments, Optional<String> why, String description, Asker asker) {
        Instant asked = clock.instant();
        if (why.isEmpty()) {
            return new Confirmation(Confirmation.Decision.NOT_NEEDED, null, asked);
        }
        Duration allowed = confirmationTime.get();
        Instant expires = asked.plus(allowed);
        CompletableFuture<Confirmation> answer = confirmer.ask(new ConfirmationRequest(description, tool.currentState(arguments), why.get(),
                asker.requestedBy(), asked, expires));
        try {
            // Waits in short slices: a person who stops the turn withdraws the question at once.
            while (true) {
                long left = Duration.between(clock.instant(), expires).toMillis();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    return answer.get(Math.min(left, LOOK_FOR_STOP.toMillis()), TimeUnit.MILLISECONDS);
                } catch (TimeoutException slice) {
                    if (asker.stopped().getAsBoolean()) {
                        answer.cancel(true);
                        return stopped();
                    }
                }
            }
        } catch (TimeoutException | CancellationException e) {
            answer.cancel(true);
            return new Confirmation(Confirmation.Decision.EXPIRED, null, clock.instant());
        } catch (ExecutionException e) {
            return new Confirmation(Confirmation.Decision.NO_ONE_TO_ASK, null, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return new Confirmation(Confirmation.Decision.REFUSED, null, clock.instant());
        }
    }

    private Confirmation stopped() {
        return new Confirmation(Confirmation.Decision.REFUSED, null, clock.instant());
    }

    /** Writes what is about to be done, and how it was confirmed, before it is done; the result follows. */
    private long begin(Tool tool, JsonNode arguments, Hazard hazard, Asker asker, Confirmation confirmation) {
        boolean decided = confirmation.by() != null
                && (confirmation.decision() == Confirmation.Decision.CONFIRMED || confirmation.decision() == Confirmation.Decision.REFUSED);
        return audit.record(new AuditEntry(0, clock.instant(), asker.request(), null, null, asker.requestedBy(), tool.name(),
                arguments.toString(), hazard, confirmation.decision(), decided ? confirmation.by() : null,
                decided ? confirmation.at() : null, false, "in progress")).id();
    }

    private ObjectNode outcome(boolean done, String said) {
        return json.createObjectNode().put("done", done).put("message", said);
    }
}
