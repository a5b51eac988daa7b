package jarvis.orchestrator.settings;

/**
 * Something wrong in the settings file or an environment variable: which one, which field, and what to do.
 * {@code source} is a file path or the name of an environment variable.
 */
public record SettingsProblem(String source, String field, String problem) {

    public String message() {
        return field == null || field.isEmpty()
                ? source + ": " + problem
                : source + ": field '" + field + "': " + problem;
    }

    @Override
    public String toString() {
        return message();
    }
}
