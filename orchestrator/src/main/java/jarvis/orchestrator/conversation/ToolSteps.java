package jarvis.orchestrator.conversation;

import com.fasterxml.jackson.databind.node.TextNode;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolCheck;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolRegistry;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A model answering with tools: each round it may call tools (checked against their schemas, then carried out by the
 * runner, hazardous ones only once a person confirms) and read their results, until it answers in words. After the
 * step limit it is told to answer now, with the tools still described (some APIs refuse a history of tool calls
 * without them) but its further calls not carried out. A call that is not valid ends the rounds for a judged (local)
 * model, so the score falls; an unjudged (cloud) model gets it back as an error to mend. The answer kept is every
 * round's text, and the usage every round's, so the cost counts all of them.
 */
final class ToolSteps {

    /**
     * The last attempt (its answer holding every round's text and usage), every card, what to add to the route's
     * reasons, and whether the model was still calling tools when the limit ended the rounds.
     */
    record Result(ModelAttempt.Outcome last, List<ToolRunner.Card> cards, List<String> notes, boolean overLimit) {}

    /** One model's rounds: which model, the options, who proposes its calls, and how invalid calls are treated. */
    record Model(ModelProvider provider, String name, ChatOptions options, String proposer, boolean stopOnInvalid) {}

    private static final String ANSWER_NOW = "You have used every tool step this turn allows. Answer the person now, in words, "
            + "from what the tools returned; do not call a tool.";

    private ToolSteps() {}

    static Result run(Model model, List<ChatMessage> messages, ToolRegistry.Offer offer, ToolRunner runner, String request, boolean privateConversation,
                      StoredMessage reply, ModelAttempt.Rig rig, ModelAttempt.Limits limits, int maxSteps, BooleanSupplier cancelled) {
        List<ChatMessage> conversation = withContext(messages, offer.context());
        List<ToolSpec> specs = offer.specs();
        List<ToolRunner.Card> cards = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ToolRunner.Asker asker = new ToolRunner.Asker(request, model.proposer(), cancelled,
                Optional.of(new CallScope(reply.conversationId(), privateConversation)));
        Rounds rounds = new Rounds();
        for (int step = 1; ; step++) {
            boolean lastWord = step > maxSteps && !offer.isEmpty();
            if (lastWord) {
                conversation.add(ChatMessage.system(ANSWER_NOW));
            }
            ModelAttempt.Outcome outcome = ModelAttempt.run(model.provider(), new ChatRequest(model.name(), conversation, specs, model.options()),
                    reply, rig, limits);
            rounds.add(outcome);
            boolean calling = outcome.answer() != null && !outcome.answer().toolCalls().isEmpty();
            if (!calling || outcome.slow() || cancelled.getAsBoolean()) {
                return new Result(rounds.combined(outcome), cards, notes, false);
            }
            if (lastWord) {
                notes.add("reached the limit of " + maxSteps + " tool steps (tools.maxSteps); the calls after it were not carried out");
                return new Result(rounds.combined(outcome), cards, notes, true);
            }
            List<ToolCall> calls = outcome.answer().toolCalls();
            Optional<String> invalid = calls.stream().map(call -> ToolCheck.invalid(call, specs).map(why -> call.name() + ": " + why))
                    .flatMap(Optional::stream).findFirst();
            if (invalid.isPresent() && model.stopOnInvalid()) {
                notes.add("the tool call " + invalid.get() + " was not carried out");
                return new Result(rounds.combined(outcome), cards, notes, false);
            }
            conversation.add(new ChatMessage(ChatMessage.Role.ASSISTANT, outcome.answer().text(), null, calls, null, null));
            for (ToolCall call : calls) {
                Optional<String> why = ToolCheck.invalid(call, specs);
                if (why.isPresent() || cancelled.getAsBoolean()) {
                    String error = cancelled.getAsBoolean() ? "not carried out: the person stopped the turn"
                            : "not carried out: " + why.get() + "; call it again with arguments that fit its schema";
                    conversation.add(ChatMessage.toolResult(call, "{\"error\":" + new TextNode(error) + "}"));
                    continue;
                }
                Tool tool = offer.find(call.name()).orElseThrow();
                ToolRunner.Ran ran = runner.run(tool, call.arguments(), asker);
                cards.add(ran.card());
                notes.add("tool " + call.name() + ": " + ran.card().summary());
                rig.listener().onToolCall(ran.card());
                conversation.add(ChatMessage.toolResult(call, ran.forModel().toString()));
            }
        }
    }

    /** What the model should know for this request from the tools' modules, as a system message just before the person's message. */
    private static List<ChatMessage> withContext(List<ChatMessage> messages, List<String> context) {
        List<ChatMessage> all = new ArrayList<>(messages);
        if (!context.isEmpty()) {
            all.add(Math.max(0, all.size() - 1), ChatMessage.system(String.join("\n\n", context)));
        }
        return all;
    }

    /** The rounds' texts and usage, put together into the last round's answer. */
    private static final class Rounds {

        private final StringBuilder text = new StringBuilder();
        private int input;
        private int output;
        private int count;

        void add(ModelAttempt.Outcome outcome) {
            ChatResult arrived = outcome.whatArrived();
            if (arrived == null) {
                return;
            }
            count++;
            input += arrived.usage().inputTokens();
            output += arrived.usage().outputTokens();
            if (!arrived.text().isBlank()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(arrived.text().strip());
            }
        }

        ModelAttempt.Outcome combined(ModelAttempt.Outcome last) {
            ChatResult answer = last.answer();
            if (count < 2 || answer == null) {
                return last;
            }
            ChatResult all = new ChatResult(answer.model(), text.toString(), answer.thinking(), answer.toolCalls(), new Usage(input, output),
                    answer.finishReason(), answer.logprobs());
            return new ModelAttempt.Outcome(all, last.failure(), last.slow(), last.firstTokenMillis(), last.tokens());
        }
    }
}
