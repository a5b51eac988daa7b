package jarvis.orchestrator.settings;

/** Reads addresses the way their ecosystems write them: {@code OLLAMA_HOST=0.0.0.0:11434} means a local server. */
final class EnvironmentAddresses {
    private EnvironmentAddresses() {}

    static String normalise(String raw) {
        String value = raw.strip();
        if (!value.contains("://")) {
            value = "http://" + value;
        }
        return value.replace("://0.0.0.0", "://127.0.0.1");
    }
}
