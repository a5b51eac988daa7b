package jarvis.ui.chat;

import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn followed by two listeners, the first told first: the chat's own, and the voice that speaks the reply. The
 * second failing (the voice) never fails the turn.
 */
record BothListeners(TurnListener first, TurnListener second) implements TurnListener {

    private static final Logger LOG = LoggerFactory.getLogger(BothListeners.class);

    private static void quietly(Runnable told) {
        try {
            told.run();
        } catch (RuntimeException e) {
            LOG.warn("The reply's voice failed: {}", e.getMessage());
        }
    }

    @Override
    public void onReplyStarted(StoredMessage reply, Tier tier, String model) {
        first.onReplyStarted(reply, tier, model);
        quietly(() -> second.onReplyStarted(reply, tier, model));
    }

    @Override
    public void onEscalation(String reason) {
        first.onEscalation(reason);
        quietly(() -> second.onEscalation(reason));
    }

    @Override
    public void onToolCall(ToolRunner.Card card) {
        first.onToolCall(card);
        quietly(() -> second.onToolCall(card));
    }

    @Override
    public void onText(String delta) {
        first.onText(delta);
        quietly(() -> second.onText(delta));
    }

    @Override
    public void onThinking(String delta) {
        first.onThinking(delta);
        quietly(() -> second.onThinking(delta));
    }

    @Override
    public void onToolCall(ToolCall call) {
        first.onToolCall(call);
        quietly(() -> second.onToolCall(call));
    }

    @Override
    public void onLogprobs(List<TokenLogprob> tokens) {
        first.onLogprobs(tokens);
        quietly(() -> second.onLogprobs(tokens));
    }

    @Override
    public void onUsage(Usage usage) {
        first.onUsage(usage);
        quietly(() -> second.onUsage(usage));
    }

    @Override
    public void onActivity() {
        first.onActivity();
        quietly(() -> second.onActivity());
    }
}
