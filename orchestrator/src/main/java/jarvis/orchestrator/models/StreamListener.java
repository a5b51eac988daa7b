package jarvis.orchestrator.models;

import java.util.List;

/**
 * Receives an answer as it streams. Every method has a do-nothing default, so a listener takes only what it
 * needs. Calls come on the provider's reading thread, in arrival order, never two at once.
 */
public interface StreamListener {

    default void onText(String delta) {}

    default void onThinking(String delta) {}

    /** A whole tool call, once its arguments have all arrived. */
    default void onToolCall(ToolCall call) {}

    default void onLogprobs(List<TokenLogprob> tokens) {}

    default void onUsage(Usage usage) {}

    /**
     * Bytes arrived from the server, whatever they hold: a keep-alive, an empty delta, a comment. A stream that
     * sends these is slow, not stalled.
     */
    default void onActivity() {}

    StreamListener NONE = new StreamListener() {};
}
