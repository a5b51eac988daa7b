package jarvis.devices.homeassistant;

/**
 * Home Assistant could not do what was asked. The message says what happened and what to do, in a person's words;
 * {@link #kind()} says it in the terms the code decides by, and {@link #code()} carries Home Assistant's own error
 * code for a refused command ({@code service_validation_error}, {@code not_found}, …).
 */
public final class HomeAssistantException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** Nothing answers at the address, or the connection failed or was lost. */
        UNREACHABLE,
        /** The access token was refused. */
        TOKEN_REFUSED,
        /** Home Assistant answered a command with an error. */
        REFUSED,
        /** No answer came in time. */
        TIMEOUT,
        /** Home Assistant is not set up in Jarvis (no address or no token). */
        NOT_CONFIGURED
    }

    private final Kind kind;
    private final String code;

    public HomeAssistantException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public HomeAssistantException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Home Assistant's error code for a refused command, or null. */
    public String code() {
        return code;
    }
}
