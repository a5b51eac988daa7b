package jarvis.orchestrator.settings;

/** A setting name that does not exist. */
public final class UnknownSettingException extends IllegalArgumentException {
    public UnknownSettingException(String name) {
        super("There is no setting '" + name + "'. Run './jarvis settings list' to see every setting.");
    }
}
