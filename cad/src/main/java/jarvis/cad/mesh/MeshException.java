package jarvis.cad.mesh;

/** A part file that cannot be read: the message names what is wrong with it and, where it can, what to do. */
public final class MeshException extends Exception {

    public MeshException(String message) {
        super(message);
    }

    public MeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
