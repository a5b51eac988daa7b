package jarvis.orchestrator.routing;

/** Who answered a turn. */
public enum Tier {
    /** The command grammar, with no model. */
    FAST_PATH,
    /** The local Ollama model. */
    LOCAL,
    /** The configured cloud model. */
    CLOUD;

    public String label() {
        return switch (this) {
            case FAST_PATH -> "fast path";
            case LOCAL -> "local";
            case CLOUD -> "cloud";
        };
    }
}
