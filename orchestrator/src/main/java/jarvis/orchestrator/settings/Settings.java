package jarvis.orchestrator.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of every setting. A value comes from the environment when its variable is set, else
 * from the settings file, else from what the environment implies (a single cloud API key chooses its provider;
 * {@link CloudFromEnvironment}), else from the default.
 */
public final class Settings {

    /** Where a setting's current value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, IMPLIED }

    private final Map<String, Object> fileValues;
    private final Map<String, Object> environmentValues;
    private final CloudFromEnvironment implied;

    Settings(Map<String, Object> fileValues, Map<String, Object> environmentValues, CloudFromEnvironment implied) {
        this.fileValues = Collections.unmodifiableMap(new LinkedHashMap<>(fileValues));
        this.environmentValues = Collections.unmodifiableMap(new LinkedHashMap<>(environmentValues));
        this.implied = implied;
    }

    public static Settings defaults() {
        return new Settings(Map.of(), Map.of(), CloudFromEnvironment.NONE);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(SettingKey<T> key) {
        Object value = environmentValues.get(key.name());
        if (value == null) {
            value = fileValues.get(key.name());
        }
        return value == null ? (T) fallback(key) : (T) value;
    }

    /** The value a setting has when neither the environment nor the file gives one. */
    private Object fallback(SettingKey<?> key) {
        return implied.values(fileValues, environmentValues).getOrDefault(key.name(), key.defaultValue());
    }

    /** Why an implied value holds ("OPENAI_API_KEY is set and no cloud provider was chosen"), or empty. */
    public String impliedBecause() {
        return implied.because();
    }

    public Object value(SettingKey<?> key) {
        return get(key);
    }

    public Source source(SettingKey<?> key) {
        if (environmentValues.containsKey(key.name())) {
            return Source.ENVIRONMENT;
        }
        if (fileValues.containsKey(key.name())) {
            return Source.FILE;
        }
        return implied.values(fileValues, environmentValues).containsKey(key.name()) ? Source.IMPLIED : Source.DEFAULT;
    }

    /**
     * A copy with {@code value} stored for {@code key}, as the settings file would hold it: a value that equals what
     * would hold without it is not written, so a default that changes later reaches the person.
     */
    public <T> Settings with(SettingKey<T> key, T value) {
        Map<String, Object> copy = new LinkedHashMap<>(fileValues);
        Map<String, Object> without = new LinkedHashMap<>(fileValues);
        without.remove(key.name());
        Object fallback = implied.values(without, environmentValues).getOrDefault(key.name(), key.defaultValue());
        if (value.equals(fallback)) {
            copy.remove(key.name());
        } else {
            copy.put(key.name(), value);
        }
        return new Settings(copy, environmentValues, implied);
    }

    /** A copy without a value of its own for {@code key}: it takes what the environment implies, else its default. */
    public Settings without(SettingKey<?> key) {
        Map<String, Object> copy = new LinkedHashMap<>(fileValues);
        copy.remove(key.name());
        return new Settings(copy, environmentValues, implied);
    }

    Map<String, Object> fileValues() {
        return fileValues;
    }

    Map<String, Object> environmentValues() {
        return environmentValues;
    }

    CloudFromEnvironment implied() {
        return implied;
    }
}
