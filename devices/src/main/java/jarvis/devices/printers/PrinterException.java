package jarvis.devices.printers;

/** A printer command or read that failed, with what kind of failure it was and a message a person can act on. */
public final class PrinterException extends Exception {

    public enum Kind {
        /** The server cannot be reached, or stopped answering. */
        UNREACHABLE,
        /** The key or access code was refused. */
        REFUSED,
        /** The printer is not connected to its server, or not in a state for this command (not printing, say). */
        NOT_READY,
        /** The server turned the request down for another reason (a file it does not take, say). */
        REJECTED
    }

    private final Kind kind;

    public PrinterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PrinterException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
