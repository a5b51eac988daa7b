package jarvis.cad.make;

/** A part that could not be made from words: the message says why (the model, OpenSCAD, the checks) and what to do. */
public final class CadMakeException extends Exception {

    public CadMakeException(String message) {
        super(message);
    }

    public CadMakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
