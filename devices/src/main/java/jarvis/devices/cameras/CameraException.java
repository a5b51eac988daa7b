package jarvis.devices.cameras;

/** A camera that could not give a picture, with what kind of failure it was and a message a person can act on. */
public final class CameraException extends Exception {

    public enum Kind {
        /** The camera cannot be reached, or stopped sending. */
        UNREACHABLE,
        /** The user name and password were refused. */
        REFUSED,
        /** It answered, but not with a picture (a login page, an error text, a cut-off stream). */
        NOT_A_PICTURE
    }

    private final Kind kind;

    public CameraException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CameraException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
