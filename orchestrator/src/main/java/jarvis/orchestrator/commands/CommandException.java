package jarvis.orchestrator.commands;

/** A command-line tool that could not be run, was stopped, or failed: the message says which, and what to do. */
public final class CommandException extends Exception {

    /** What happened: the tool could not be started, a person stopped it, it ran past its time limit, or it failed. */
    public enum Kind { NOT_STARTED, STOPPED, TIMED_OUT, FAILED }

    private final Kind kind;

    public CommandException(String message) {
        this(message, null, Kind.FAILED);
    }

    public CommandException(String message, Throwable cause) {
        this(message, cause, Kind.FAILED);
    }

    public CommandException(String message, Kind kind) {
        this(message, null, kind);
    }

    public CommandException(String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
