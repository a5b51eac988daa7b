package jarvis.ui.settings;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.SettingChanged;
import jarvis.orchestrator.settings.SettingKey;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsProblem;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Settings: every setting as an editable row with inline validation, every secret as a write-only field, and
 * the problems found when the settings file was read. Saving runs in the background; the row shows the outcome.
 */
public final class SettingsViewModel {

    private final SettingsService settings;
    private final Secrets secrets;
    private final Executor background;
    private final Executor ui;
    private final Map<String, List<SettingRow>> sections = new LinkedHashMap<>();
    private final List<SettingRow> rows;
    private final List<SecretRow> secretRows;

    public SettingsViewModel(SettingsService settings, Secrets secrets, Executor background, Executor ui) {
        this.settings = settings;
        this.secrets = secrets;
        this.background = background;
        this.ui = ui;
        this.rows = SettingsSchema.all().stream().map(SettingRow::new).toList();
        rows.forEach(row -> sections.computeIfAbsent(row.key().section(), s -> new java.util.ArrayList<>()).add(row));
        this.secretRows = SecretName.all().stream().map(SecretRow::new).toList();
        reload();
    }

    /**
     * Follows changes made elsewhere (the command line, another view) so the rows show what is in force; a row the
     * person is editing keeps their text.
     */
    public Subscription attach(EventBus bus) {
        return bus.subscribe(SettingChanged.class, change -> ui.execute(() -> {
            SettingRow row = row(change.name());
            if (!row.changed()) {
                show(row, settings.current());
            }
        }));
    }

    /** Shows the stored value of every row and the status of every secret. */
    public void reload() {
        Settings current = settings.current();
        rows.forEach(row -> show(row, current));
        secretRows.forEach(row -> row.showStatus(secretStatus(row.name())));
    }

    private static void show(SettingRow row, Settings current) {
        row.showStored(row.key().format(current.value(row.key())), current.source(row.key()), origin(current, row.key()));
    }

    private static String origin(Settings current, SettingKey<?> key) {
        return switch (current.source(key)) {
            case ENVIRONMENT -> "from " + key.environmentVariable().orElseThrow() + " (unset it to edit here)";
            case FILE -> "saved";
            case IMPLIED -> "chosen because " + current.impliedBecause() + " (choose another to change it)";
            case DEFAULT -> "default";
        };
    }

    private String secretStatus(SecretName name) {
        if (secrets.fromEnvironment(name)) {
            return "set by " + name.environmentVariable().orElseThrow();
        }
        return secrets.isSet(name) ? "stored as a secret" : "not set";
    }

    public Map<String, List<SettingRow>> sections() {
        return sections;
    }

    public List<SettingRow> rows() {
        return rows;
    }

    public List<SecretRow> secretRows() {
        return secretRows;
    }

    public List<String> loadProblems() {
        return settings.loadProblems().stream().map(SettingsProblem::message).toList();
    }

    public String settingsFile() {
        return settings.file().path().toString();
    }

    /** Validates and saves a row's text; a rejected value keeps the text and shows why beside it. */
    public void commit(SettingRow row) {
        if (!row.editable()) {
            row.showError("Not saved: this setting comes from " + row.origin().get() + "; change it there, or unset it to edit it here.");
            return;
        }
        if (!row.changed()) {
            return;
        }
        String text = row.text().get();
        background.execute(() -> {
            try {
                settings.set(row.name(), text);
                Settings stored = settings.current();
                ui.execute(() -> show(row, stored));
            } catch (InvalidSettingException e) {
                ui.execute(() -> row.showError(e.getMessage()));
            } catch (RuntimeException e) {
                ui.execute(() -> row.showError("Not saved: " + e.getMessage()));
            }
        });
    }

    public SettingRow row(String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + name));
    }

    /** Stores a secret (blank removes it). The value goes straight to the secret store. */
    public void saveSecret(SecretRow row, String value) {
        background.execute(() -> {
            try {
                secrets.put(row.name(), new Secret(value));
                String status = secretStatus(row.name());
                ui.execute(() -> row.showStatus(status));
            } catch (RuntimeException e) {
                ui.execute(() -> row.showError("Not saved: " + e.getMessage()));
            }
        });
    }
}
