package jarvis.orchestrator.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of every setting. A value comes from the environment when its variable is set, else
 * from the settings file, else from the default.
 */
public final class Settings {

    /** Where a setting's current value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT }

    private final Map<String, Object> fileValues;
    private final Map<String, Object> environmentValues;

    Settings(Map<String, Object> fileValues, Map<String, Object> environmentValues) {
        this.fileValues = Collections.unmodifiableMap(new LinkedHashMap<>(fileValues));
        this.environmentValues = Collections.unmodifiableMap(new LinkedHashMap<>(environmentValues));
    }

    public static Settings defaults() {
        return new Settings(Map.of(), Map.of());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(SettingKey<T> key) {
        Object value = environmentValues.get(key.name());
        if (value == null) {
            value = fileValues.get(key.name());
        }
        return value == null ? key.defaultValue() : (T) value;
    }

    public Object value(SettingKey<?> key) {
        return get(key);
    }

    public Source source(SettingKey<?> key) {
        if (environmentValues.containsKey(key.name())) {
            return Source.ENVIRONMENT;
        }
        return fileValues.containsKey(key.name()) ? Source.FILE : Source.DEFAULT;
    }

    /** A copy with {@code value} stored for {@code key}, as the settings file would hold it. */
    public <T> Settings with(SettingKey<T> key, T value) {
        Map<String, Object> copy = new LinkedHashMap<>(fileValues);
        if (value.equals(key.defaultValue())) {
            copy.remove(key.name());
        } else {
            copy.put(key.name(), value);
        }
        return new Settings(copy, environmentValues);
    }

    Map<String, Object> fileValues() {
        return fileValues;
    }

    Map<String, Object> environmentValues() {
        return environmentValues;
    }
}
