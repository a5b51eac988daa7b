package jarvis.orchestrator.storage;

/** The database cannot do what was asked; the message says what to do. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
