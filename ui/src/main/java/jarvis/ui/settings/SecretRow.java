package jarvis.ui.settings;

import jarvis.orchestrator.secrets.SecretName;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One secret in Settings: only whether it is set and where from; its value never comes back to the view. */
public final class SecretRow {

    private final SecretName name;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    SecretRow(SecretName name) {
        this.name = name;
    }

    public SecretName name() { return name; }
    public String label() { return name.label(); }
    public ReadOnlyStringProperty status() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty error() { return error.getReadOnlyProperty(); }

    void showStatus(String text) {
        status.set(text);
        error.set("");
    }

    void showError(String text) {
        error.set(text);
    }
}
