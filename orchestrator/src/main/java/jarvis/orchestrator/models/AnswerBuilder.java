package jarvis.orchestrator.models;

import java.util.ArrayList;
import java.util.List;

/** Collects a streamed answer while passing each piece on to the listener. Used by one reading thread. */
public final class AnswerBuilder {

    private final String model;
    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final List<TokenLogprob> logprobs = new ArrayList<>();
    private Usage usage = Usage.NONE;

    public AnswerBuilder(String model, StreamListener listener) {
        this.model = model;
        this.listener = listener;
    }

    public void text(String delta) {
        if (delta != null && !delta.isEmpty()) {
            text.append(delta);
            listener.onText(delta);
        }
    }

    public void thinking(String delta) {
        if (delta != null && !delta.isEmpty()) {
            thinking.append(delta);
            listener.onThinking(delta);
        }
    }

    public void toolCall(ToolCall call) {
        toolCalls.add(call);
        listener.onToolCall(call);
    }

    public void logprobs(List<TokenLogprob> tokens) {
        if (!tokens.isEmpty()) {
            logprobs.addAll(tokens);
            listener.onLogprobs(tokens);
        }
    }

    public void usage(Usage counted) {
        usage = counted;
        listener.onUsage(counted);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    public int toolCallCount() {
        return toolCalls.size();
    }

    public ChatResult finish(FinishReason reason) {
        return new ChatResult(model, text.toString(), thinking.toString(), toolCalls, usage, reason, logprobs);
    }
}
