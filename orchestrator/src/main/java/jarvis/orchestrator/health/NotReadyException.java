package jarvis.orchestrator.health;

/** Thrown by a check whose integration is still starting: the status bar shows it as being checked, not as down. */
public final class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
