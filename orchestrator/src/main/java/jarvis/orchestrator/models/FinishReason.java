package jarvis.orchestrator.models;

/** Why an answer ended. */
public enum FinishReason {
    /** The model finished on its own. */
    STOP,
    /** The output-token limit cut it. */
    LENGTH,
    /** The model stopped to call tools. */
    TOOL_CALLS,
    /** The model refused, or a content filter stopped it. */
    REFUSAL,
    /** The person stopped it; what arrived is kept. */
    CANCELLED
}
