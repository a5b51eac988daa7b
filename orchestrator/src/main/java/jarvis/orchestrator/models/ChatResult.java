package jarvis.orchestrator.models;

import java.util.List;

/** A whole answer, or what arrived of one before it stopped. */
public record ChatResult(String model, String text, String thinking, List<ToolCall> toolCalls, Usage usage,
                         FinishReason finishReason, List<TokenLogprob> logprobs) {

    public ChatResult {
        toolCalls = List.copyOf(toolCalls);
        logprobs = List.copyOf(logprobs);
    }

    /** True when the server sent token log-probabilities; older servers and some providers send none. */
    public boolean hasLogprobs() {
        return !logprobs.isEmpty();
    }
}
