package jarvis.orchestrator.models;

/**
 * How to answer: the context window to ask for (Ollama's {@code num_ctx}), the most tokens to produce, the
 * temperature, whether to think, and whether to return token log-probabilities. Null means the provider's default.
 */
public record ChatOptions(Integer contextTokens, Integer maxOutputTokens, Double temperature, boolean thinking,
                          boolean logprobs) {

    public static ChatOptions defaults() {
        return new ChatOptions(null, null, null, false, false);
    }

    public ChatOptions withLogprobs() {
        return new ChatOptions(contextTokens, maxOutputTokens, temperature, thinking, true);
    }
}
