package jarvis.orchestrator.settings;

/** A value a setting does not accept; the message says why and what it does accept. */
public final class InvalidSettingException extends Exception {
    public InvalidSettingException(String message) {
        super(message);
    }
}
