package jarvis.orchestrator.models;

/**
 * The one port to a model: stream a chat request, receive text, thinking, tool calls, usage and log-probabilities
 * through a listener, and cancel. Adapters: Ollama, OpenAI-compatible, Anthropic; each passes the same contract
 * suite against its protocol simulator.
 */
public interface ModelProvider {

    /** "ollama", "openai", "anthropic": for route records and messages. */
    String name();

    /** Starts streaming at once; never blocks on the network. Failures arrive through the result. */
    ChatStream stream(ChatRequest request, StreamListener listener);
}
