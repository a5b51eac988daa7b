package jarvis.ui.settings;

import jarvis.orchestrator.settings.SettingKey;
import jarvis.orchestrator.settings.SettingType;
import jarvis.orchestrator.settings.Settings;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable setting as the Settings view shows it: the text being edited, its error, where its value came from. */
public final class SettingRow {

    /** Which control edits it. */
    public enum Editor { TEXT, FLAG, CHOICE }

    private final SettingKey<?> key;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper("");
    private String committed = "";
    private Settings.Source source = Settings.Source.DEFAULT;

    SettingRow(SettingKey<?> key) {
        this.key = key;
    }

    public SettingKey<?> key() { return key; }
    public String name() { return key.name(); }
    public String label() { return key.label(); }
    public String help() { return key.help() + " Default: " + display(key.format(key.defaultValue())) + "."; }
    public StringProperty text() { return text; }
    public ReadOnlyStringProperty error() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty origin() { return origin.getReadOnlyProperty(); }

    /** False when an environment variable sets it: the file's value would not count. */
    public boolean editable() {
        return source != Settings.Source.ENVIRONMENT;
    }

    public Editor editor() {
        return switch (key.type()) {
            case SettingType.Flag f -> Editor.FLAG;
            case SettingType.Choice c -> Editor.CHOICE;
            default -> Editor.TEXT;
        };
    }

    public List<String> choices() {
        return key.type() instanceof SettingType.Choice(List<String> options) ? options : List.of();
    }

    boolean changed() {
        return !text.get().equals(committed);
    }

    void showStored(String value, Settings.Source from, String originText) {
        committed = value;
        source = from;
        text.set(value);
        origin.set(originText);
        error.set("");
    }

    void showError(String message) {
        error.set(message);
    }

    private static String display(String value) {
        return value.isEmpty() ? "(empty)" : value;
    }
}
