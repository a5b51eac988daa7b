package jarvis.orchestrator.artifacts;

/** No artifact has that id, or its bytes are gone from the store. */
public final class ArtifactNotFoundException extends ArtifactStoreException {
    public ArtifactNotFoundException(String message) {
        super(message);
    }
}
