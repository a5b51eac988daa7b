package jarvis.cad.external;

/** A command-line tool that could not be run, was stopped, or failed: the message says which, and what to do. */
public final class CommandException extends Exception {

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
