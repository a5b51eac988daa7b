package jarvis.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.secrets.EncryptedFileSecretStore;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.SettingsFile;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings view model without a toolkit: both executors run work at once. */
class SettingsViewModelTest {

    @TempDir
    Path folder;

    private SettingsService settings;
    private Secrets secrets;

    private EventBus bus;

    private SettingsViewModel model(Map<String, String> env) {
        bus = new EventBus(Runnable::run);
        settings = new SettingsService(new SettingsFile(folder.resolve("settings.json")), env, bus);
        secrets = new Secrets(new EncryptedFileSecretStore(folder.resolve("s.enc"), folder.resolve("s.key")), env, bus);
        return new SettingsViewModel(settings, secrets, Runnable::run, Runnable::run);
    }

    @Test
    void everySettingHasARowGroupedBySection() {
        SettingsViewModel model = model(Map.of());
        assertThat(model.rows()).hasSize(SettingsSchema.all().size());
        assertThat(model.sections()).containsKeys("Local model", "Cloud model", "Artifacts", "General", "Appearance");
        assertThat(model.row("ollama.url").text().get()).isEqualTo("http://127.0.0.1:11434");
        assertThat(model.row("ollama.url").origin().get()).isEqualTo("default");
        assertThat(model.row("ui.theme").editor()).isEqualTo(SettingRow.Editor.CHOICE);
        assertThat(model.row("network.offline").editor()).isEqualTo(SettingRow.Editor.FLAG);
    }

    @Test
    void aValidEditIsSavedAndShownAsStored() throws Exception {
        SettingsViewModel model = model(Map.of());
        SettingRow row = model.row("health.intervalSeconds");
        row.text().set(" 60 ");
        model.commit(row);
        assertThat(row.error().get()).isEmpty();
        assertThat(row.text().get()).isEqualTo("60");
        assertThat(row.origin().get()).isEqualTo("saved");
        assertThat(Files.readString(folder.resolve("settings.json"))).contains("\"health.intervalSeconds\" : 60");
    }

    @Test
    void anInvalidEditKeepsTheTextShowsWhyAndSavesNothing() {
        SettingsViewModel model = model(Map.of());
        SettingRow row = model.row("health.intervalSeconds");
        row.text().set("twice a minute");
        model.commit(row);
        assertThat(row.error().get()).contains("not a whole number");
        assertThat(row.text().get()).isEqualTo("twice a minute");
        assertThat(settings.get(SettingsSchema.HEALTH_INTERVAL)).isEqualTo(30);
        assertThat(folder.resolve("settings.json")).doesNotExist();
    }

    @Test
    void aSettingFromTheEnvironmentIsShownAsSuchAndCannotBeEdited() {
        SettingsViewModel model = model(Map.of("OLLAMA_HOST", "http://gpu-box:11434"));
        SettingRow row = model.row("ollama.url");
        assertThat(row.text().get()).isEqualTo("http://gpu-box:11434");
        assertThat(row.origin().get()).contains("OLLAMA_HOST");
        assertThat(row.editable()).isFalse();
        row.text().set("http://elsewhere:1");
        model.commit(row);
        assertThat(row.error().get()).contains("Not saved").contains("OLLAMA_HOST");
        assertThat(settings.get(SettingsSchema.OLLAMA_URL)).isEqualTo("http://gpu-box:11434");
        assertThat(folder.resolve("settings.json")).doesNotExist();
    }

    @Test
    void aSecretIsStoredWithoutItsValueEverReachingTheView() {
        SettingsViewModel model = model(Map.of());
        SecretRow row = model.secretRows().stream().filter(r -> r.name() == SecretName.ANTHROPIC_API_KEY).findFirst().orElseThrow();
        assertThat(row.status().get()).isEqualTo("not set");
        model.saveSecret(row, "sk-ant-value");
        assertThat(row.status().get()).isEqualTo("stored as a secret");
        assertThat(secrets.get(SecretName.ANTHROPIC_API_KEY).orElseThrow().reveal()).isEqualTo("sk-ant-value");
        model.saveSecret(row, "");
        assertThat(row.status().get()).isEqualTo("not set");
    }

    @Test
    void aChangeMadeElsewhereShowsUnlessThePersonIsEditingThatRow() throws Exception {
        SettingsViewModel model = model(Map.of());
        model.attach(bus);
        settings.set("ollama.model", "qwen3");
        assertThat(model.row("ollama.model").text().get()).isEqualTo("qwen3");
        assertThat(model.row("ollama.model").origin().get()).isEqualTo("saved");

        model.row("ollama.url").text().set("http://half-typed");
        settings.set("ollama.url", "http://elsewhere:11434");
        assertThat(model.row("ollama.url").text().get()).isEqualTo("http://half-typed");
    }

    @Test
    void problemsInTheSettingsFileAreListed() throws Exception {
        Files.writeString(folder.resolve("settings.json"), "{\"ui.theme\": \"purple\"}");
        assertThat(model(Map.of()).loadProblems()).singleElement().asString().contains("ui.theme").contains("system, light, dark");
    }
}
