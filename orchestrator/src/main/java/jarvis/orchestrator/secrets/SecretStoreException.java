package jarvis.orchestrator.secrets;

/** The secret store cannot be read or written; the message says what to do and never holds a secret. */
public final class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
