package jarvis.orchestrator.health;

/** Checks one integration. Runs on a background thread; may block up to its own timeout. */
public interface HealthProbe {

    /** The name the status bar shows: "Database", "Ollama". */
    String integration();

    /** Whether Jarvis cannot work without it: {@code jarvis doctor} fails on a required one. */
    boolean required();

    Health check();
}
