package jarvis.audio.compose;

/** A part that could not be written, checked or rendered: the message says what was wrong. */
public final class PartException extends Exception {

    public PartException(String message) {
        super(message);
    }

    public PartException(String message, Throwable cause) {
        super(message, cause);
    }
}
