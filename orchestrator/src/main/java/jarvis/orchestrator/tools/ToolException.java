package jarvis.orchestrator.tools;

/** A tool call that could not be carried out, with the reason in words a person and a model can act on. */
public final class ToolException extends Exception {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
