package jarvis.orchestrator.settings;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The live settings: the current snapshot, edits that are validated and saved, and a change event for each. */
public final class SettingsService {

    private final SettingsFile file;
    private final EventBus bus;
    private final AtomicReference<Settings> current;
    private final Map<String, String> environment;
    private final List<SettingsProblem> problems;

    public SettingsService(SettingsFile file, Map<String, String> environment, EventBus bus) {
        this.file = file;
        this.bus = bus;
        this.environment = Map.copyOf(environment);
        SettingsFile.Loaded loaded = file.load(environment);
        this.current = new AtomicReference<>(loaded.settings());
        this.problems = loaded.problems();
    }

    public Settings current() {
        return current.get();
    }

    public <T> T get(SettingKey<T> key) {
        return current.get().get(key);
    }

    /** What was wrong when the settings were loaded; empty when all was well. */
    public List<SettingsProblem> loadProblems() {
        return problems;
    }

    public SettingsFile file() {
        return file;
    }

    /**
     * Validates {@code text} for the named setting, saves it and announces the change.
     *
     * @throws UnknownSettingException when there is no such setting
     * @throws InvalidSettingException when the value is not allowed; nothing is changed
     */
    public Object set(String name, String text) throws InvalidSettingException {
        SettingKey<?> key = SettingsSchema.find(name).orElseThrow(() -> new UnknownSettingException(name));
        return store(key, text);
    }

    /**
     * Re-reads the settings file after another process (the command line) changed it, and announces every value
     * that changed. A file that now has problems keeps the last good values of those fields.
     */
    public synchronized void reload() {
        SettingsFile.Loaded loaded = file.load(environment);
        Settings before = current.getAndSet(loaded.settings());
        for (SettingKey<?> key : SettingsSchema.all()) {
            Object now = loaded.settings().value(key);
            if (!now.equals(before.value(key))) {
                bus.publish(new SettingChanged(CorrelationId.next(), Instant.now(), key.name(), key.format(now)));
            }
        }
    }

    private synchronized <T> T store(SettingKey<T> key, String text) throws InvalidSettingException {
        T value = key.type().parse(text);
        Settings before = current.get();
        save(key, before, current.updateAndGet(settings -> settings.with(key, value)));
        return value;
    }

    /**
     * Writes the file and announces the change of {@code key}, and of every other setting whose value changed with it
     * (a chosen provider ends the model the environment implied).
     */
    private void save(SettingKey<?> key, Settings before, Settings updated) {
        try {
            file.save(updated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.path() + ": " + e.getMessage(), e);
        }
        bus.publish(new SettingChanged(CorrelationId.next(), Instant.now(), key.name(), key.format(updated.value(key))));
        for (SettingKey<?> other : SettingsSchema.all()) {
            if (other != key && !updated.value(other).equals(before.value(other))) {
                bus.publish(new SettingChanged(CorrelationId.next(), Instant.now(), other.name(), other.format(updated.value(other))));
            }
        }
    }

    /** Takes the setting's own value out of the file: it is its default again, or what the environment implies. */
    public synchronized Object reset(String name) {
        SettingKey<?> key = SettingsSchema.find(name).orElseThrow(() -> new UnknownSettingException(name));
        Settings before = current.get();
        Settings updated = current.updateAndGet(settings -> settings.without(key));
        save(key, before, updated);
        return updated.value(key);
    }
}
