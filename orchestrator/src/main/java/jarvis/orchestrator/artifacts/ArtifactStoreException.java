package jarvis.orchestrator.artifacts;

/** The artifact store cannot do what was asked. The message names the cause and the fix, never a secret. */
public class ArtifactStoreException extends RuntimeException {
    public ArtifactStoreException(String message) {
        super(message);
    }

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
