package jarvis.orchestrator.models;

/** Tokens read and written for one answer, as the provider counted them. */
public record Usage(int inputTokens, int outputTokens) {
    public static final Usage NONE = new Usage(0, 0);
}
