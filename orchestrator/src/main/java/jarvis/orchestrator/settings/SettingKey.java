package jarvis.orchestrator.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * One typed setting: its dotted name in the settings file, where it shows in the Settings view, its default,
 * and the environment variable that overrides it, if any.
 */
public record SettingKey<T>(String name, String section, String label, String help,
                            SettingType<T> type, T defaultValue, Optional<String> environmentVariable) {

    public SettingKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultValue);
        Objects.requireNonNull(environmentVariable);
    }

    /** Formats a value of this setting for display, without the caller knowing its type. */
    @SuppressWarnings("unchecked")
    public String format(Object value) {
        return type.format((T) value);
    }
}
