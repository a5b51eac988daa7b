package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.routing.Prices;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.tools.ToolRegistry;
import java.util.List;

/**
 * The cloud step of a turn: the cloud model answers into a reply of its own. A local answer it replaces is kept
 * folded beside it (SUPERSEDED); when the cloud fails, the local answer, if there is one, stands. Token counts the
 * server did not send are estimated and marked so, so an answer never counts as free against the budget.
 */
final class CloudStep {

    static final int MAX_OUTPUT = 2048;

    private final TurnRunner turn;
    private final TurnBook book;
    private final Models models;
    private final Settings settings;
    private final ModelAttempt.Rig rig;
    private final ContextFitter.Fitted fitted;
    private final ToolRegistry.Offer offer;

    /** {@code offer}: the same tools the local model was offered. */
    CloudStep(TurnRunner turn, TurnBook book, Models models, Settings settings, ModelAttempt.Rig rig, ContextFitter.Fitted fitted,
              ToolRegistry.Offer offer) {
        this.turn = turn;
        this.book = book;
        this.models = models;
        this.settings = settings;
        this.rig = rig;
        this.fitted = fitted;
        this.offer = offer;
    }

    /**
     * @param localReply the local reply row this answer replaces, or null when the person asked for the cloud
     * @param local      what the local model did, or null when it was not asked
     * @param judgement  how the local answer was judged, or null when there was none
     */
    TurnResult answer(Conversation conversation, String question, List<String> reasons, StoredMessage localReply,
                      ModelAttempt.Outcome local, LocalJudgement judgement, String localModel) {
        String model = models.cloudModel();
        String provider = models.cloudProviderName();
        StoredMessage reply = book.startReply(conversation.id(), Tier.CLOUD, model);
        rig.listener().onReplyStarted(reply, Tier.CLOUD, model);
        // A cloud model's invalid call goes back to it as an error to mend: it is not judged, so stopping would only lose the turn.
        ToolSteps.Result steps = ToolSteps.run(new ToolSteps.Model(models.cloud().orElseThrow(), model,
                        new ChatOptions(null, MAX_OUTPUT, null, false, false), "the cloud model " + model, false),
                fitted.messages(), offer, turn.runner(), question, conversation.privateMode(), reply, rig,
                new ModelAttempt.Limits(settings.get(SettingsSchema.CLOUD_FIRST_TOKEN), settings.get(SettingsSchema.IDLE_TIMEOUT)),
                settings.get(SettingsSchema.TOOLS_MAX_STEPS), turn::cancelled);
        turn.tookActions(steps.cards());
        ModelAttempt.Outcome attempt = steps.last();
        reasons = TurnRunner.append(reasons, steps.notes());
        ProviderException failure = attempt.failure() != null ? attempt.failure()
                : attempt.slow() ? new ProviderException(ProviderException.Kind.STALLED, "The cloud model " + model + " gave no first token within "
                        + settings.get(SettingsSchema.CLOUD_FIRST_TOKEN) + " s. Try again, or raise cloud.firstTokenTimeoutSeconds.") : null;
        ChatResult arrived = attempt.whatArrived();
        TurnBook.Estimated usage = TurnBook.usage(arrived, fitted.estimatedTokens());
        Prices prices = Prices.parse(settings.get(SettingsSchema.PRICES));
        List<String> all = reasons;
        if (usage.estimated()) {
            all = TurnRunner.append(all, "the server sent no token counts; " + usage.usage().inputTokens() + " in and "
                    + usage.usage().outputTokens() + " out are estimated from the text");
        }
        if (failure != null) {
            turn.reportFailure(Tier.CLOUD, model, failure);
            all = TurnRunner.append(all, "the cloud model failed: " + failure.getMessage());
        } else if (turn.cancelled()) {
            all = TurnRunner.append(all, "stopped by the person");
        }
        RouteRecord route = book.route(conversation.id(), new TurnBook.Answered(Tier.CLOUD, provider, model,
                judgement == null ? null : judgement.confidence(), localModel, true, all,
                attempt.firstTokenMillis(), arrived, usage.usage(), usage.estimated(), TurnBook.cost(prices, model, usage.usage())));
        ChatResult localAnswer = local == null ? null : local.whatArrived();
        boolean localStands = localAnswer != null && !localAnswer.text().isBlank();
        // Reasoning that arrived before the local model stopped is kept with its row, never deleted with it.
        boolean localReasoned = localAnswer != null && !localAnswer.thinking().isBlank();
        if (failure != null) {
            String error = TurnBook.inWords(failure, attempt.tokens());
            MessageState failed = TurnBook.failedState(failure, arrived);
            if (localReply == null || localStands || localReasoned) {
                TurnResult result = book.finish(conversation, reply, failed, arrived, error, route);
                if (localReply != null) {
                    book.end(localReply, localAnswer, localStands ? MessageState.COMPLETE : MessageState.FAILED, route.id(),
                            localStands ? null : localFailure(local));
                }
                return result;
            }
            // Neither model answered: one failed reply says what happened to both, in place of the empty local one.
            String both = "Neither model could answer. The local model " + localModel + ": " + localFailure(local) + " The cloud model "
                    + model + ": " + error;
            return book.finishInstead(conversation, reply, failed, arrived, both, route, localReply);
        }
        MessageState state = arrived.finishReason() == FinishReason.CANCELLED ? MessageState.STOPPED : MessageState.COMPLETE;
        if (localReply == null) {
            return book.finish(conversation, reply, state, arrived, null, route);
        }
        String why = localStands ? null : "No text came from the local model: " + reasons.getLast();
        return book.finishReplacing(conversation, reply, state, arrived, route, localReply, localAnswer, why);
    }

    private String localFailure(ModelAttempt.Outcome local) {
        if (local.failure() != null) {
            return TurnBook.inWords(local.failure(), local.tokens());
        }
        return local.slow() ? "no first token within " + settings.get(SettingsSchema.ROUTER_FIRST_TOKEN) + " s." : "no text came.";
    }
}
