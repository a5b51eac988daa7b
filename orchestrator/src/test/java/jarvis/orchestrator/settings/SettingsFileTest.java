package jarvis.orchestrator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @TempDir
    Path folder;

    private SettingsFile.Loaded load(String content, Map<String, String> env) throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, content);
        return new SettingsFile(file).load(env);
    }

    @Test
    void missingFileGivesDefaultsWithoutProblems() {
        SettingsFile.Loaded loaded = new SettingsFile(folder.resolve("settings.json")).load(Map.of());
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.settings().get(SettingsSchema.OLLAMA_URL)).isEqualTo("http://127.0.0.1:11434");
        assertThat(loaded.settings().source(SettingsSchema.OLLAMA_URL)).isEqualTo(Settings.Source.DEFAULT);
    }

    @Test
    void fileThatIsNotJsonNamesTheFileAndLineAndFallsBackToDefaults() throws Exception {
        SettingsFile.Loaded loaded = load("{\n  \"ollama.url\": \"http://a:1\",\n  oops\n}", Map.of());
        assertThat(loaded.problems()).hasSize(1);
        String message = loaded.problems().getFirst().message();
        assertThat(message).contains(folder.resolve("settings.json").toString()).contains("not valid JSON").contains("line 3");
        assertThat(loaded.settings().get(SettingsSchema.OLLAMA_URL)).isEqualTo("http://127.0.0.1:11434");
    }

    @Test
    void unknownFieldIsNamedWithASuggestionAndTheRestStillApplies() throws Exception {
        SettingsFile.Loaded loaded = load("{\"ollama.ulr\": \"http://x:1\", \"ollama.model\": \"qwen3\"}", Map.of());
        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("ollama.ulr");
            assertThat(problem.message()).contains("unknown setting").contains("Did you mean 'ollama.url'");
        });
        assertThat(loaded.settings().get(SettingsSchema.OLLAMA_MODEL)).isEqualTo("qwen3");
    }

    @Test
    void wrongTypeNamesTheFieldTheExpectedTypeAndTheDefaultUsed() throws Exception {
        SettingsFile.Loaded loaded = load("{\"health.intervalSeconds\": \"often\"}", Map.of());
        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("health.intervalSeconds");
            assertThat(problem.problem()).contains("expected a whole number from 5 to 3600").contains("text \"often\"")
                    .contains("using the default 30");
        });
        assertThat(loaded.settings().get(SettingsSchema.HEALTH_INTERVAL)).isEqualTo(30);
    }

    @Test
    void valueOutOfRangeIsRejected() throws Exception {
        SettingsFile.Loaded loaded = load("{\"health.intervalSeconds\": 1, \"cloud.provider\": \"skynet\"}", Map.of());
        assertThat(loaded.problems()).extracting(SettingsProblem::field).containsExactly("health.intervalSeconds", "cloud.provider");
        assertThat(loaded.problems().get(1).problem()).contains("none, openai, anthropic");
    }

    @Test
    void environmentOverridesTheFileAndIsNormalisedTheWayOllamaWritesIt() throws Exception {
        SettingsFile.Loaded loaded = load("{\"ollama.url\": \"http://file:1\"}",
                Map.of("OLLAMA_HOST", "0.0.0.0:11500", "OPENAI_BASE_URL", "http://localhost:9/v1"));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.settings().get(SettingsSchema.OLLAMA_URL)).isEqualTo("http://127.0.0.1:11500");
        assertThat(loaded.settings().source(SettingsSchema.OLLAMA_URL)).isEqualTo(Settings.Source.ENVIRONMENT);
        assertThat(loaded.settings().get(SettingsSchema.OPENAI_BASE_URL)).isEqualTo("http://localhost:9/v1");
    }

    @Test
    void invalidEnvironmentValueIsReportedByVariableAndIgnored() {
        SettingsFile.Loaded loaded = new SettingsFile(folder.resolve("settings.json"))
                .load(Map.of("HASS_SERVER", "ftp://nope"));
        assertThat(loaded.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("HASS_SERVER").contains("not an http(s) address"));
        assertThat(loaded.settings().get(SettingsSchema.HASS_URL)).isEmpty();
    }

    @Test
    void savingNeverWritesEnvironmentValues() throws Exception {
        Path file = folder.resolve("settings.json");
        SettingsFile settingsFile = new SettingsFile(file);
        Settings settings = settingsFile.load(Map.of("OLLAMA_HOST", "http://env:1")).settings();
        settingsFile.save(settings.with(SettingsSchema.OLLAMA_MODEL, "qwen3"));
        assertThat(Files.readString(file)).contains("qwen3").doesNotContain("env:1");
    }

    @Test
    void brokenFileIsKeptBesideTheNewOneBeforeTheFirstSave() throws Exception {
        Path file = folder.resolve("settings.json");
        String broken = "{ this is not json";
        Files.writeString(file, broken);
        SettingsFile settingsFile = new SettingsFile(file);
        Settings settings = settingsFile.load(Map.of()).settings();
        assertThat(Files.readString(file)).isEqualTo(broken);

        settingsFile.save(settings.with(SettingsSchema.OLLAMA_MODEL, "qwen3"));

        try (var siblings = Files.list(folder)) {
            Path kept = siblings.filter(p -> p.getFileName().toString().startsWith("settings.json.broken-")).findFirst().orElseThrow();
            assertThat(Files.readString(kept)).isEqualTo(broken);
        }
        assertThat(new SettingsFile(file).load(Map.of()).settings().get(SettingsSchema.OLLAMA_MODEL)).isEqualTo("qwen3");
    }

    @Test
    void typesRejectTextWithAClearReason() {
        assertThatThrownBy(() -> new SettingType.Whole(1, 10).parse("eleven")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> new SettingType.Flag().parse("maybe")).hasMessageContaining("not true or false");
        assertThatThrownBy(() -> new SettingType.Url(false).parse("localhost:11434")).hasMessageContaining("not an http(s) address");
    }
}
