package jarvis.orchestrator.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single cloud API key in the environment chooses its provider, unless the person chose one. */
class CloudFromEnvironmentTest {

    @TempDir
    Path folder;

    private Settings load(String content, Map<String, String> env) throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, content);
        return new SettingsFile(file).load(env).settings();
    }

    @Test
    void oneKeyChoosesItsProviderWithAPricedModelAndSaysWhy() throws Exception {
        Settings openai = load("{}", Map.of("OPENAI_API_KEY", "sk-one"));
        assertThat(openai.get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("openai");
        assertThat(openai.get(SettingsSchema.CLOUD_MODEL)).isEqualTo("gpt-4.1-mini");
        assertThat(openai.source(SettingsSchema.CLOUD_PROVIDER)).isEqualTo(Settings.Source.IMPLIED);
        assertThat(openai.impliedBecause()).isEqualTo("OPENAI_API_KEY is set and no cloud provider was chosen");
        assertThat(jarvis.orchestrator.routing.Prices.parse(openai.get(SettingsSchema.PRICES)).estimate("gpt-4.1-mini", 1, 1)).isPresent();

        Settings anthropic = load("{}", Map.of("ANTHROPIC_API_KEY", "sk-ant"));
        assertThat(anthropic.get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("anthropic");
        assertThat(jarvis.orchestrator.routing.Prices.parse(anthropic.get(SettingsSchema.PRICES))
                .estimate(anthropic.get(SettingsSchema.CLOUD_MODEL), 1, 1)).isPresent();
    }

    @Test
    void twoKeysOrNoneOrABlankOneChooseNothing() throws Exception {
        assertThat(load("{}", Map.of("OPENAI_API_KEY", "a", "ANTHROPIC_API_KEY", "b")).get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("none");
        assertThat(load("{}", Map.of()).get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("none");
        assertThat(load("{}", Map.of("OPENAI_API_KEY", "  ")).get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("none");
    }

    @Test
    void thePersonsChoiceWinsAndChoosingNoneIsKept() throws Exception {
        Settings chosen = load("{\"cloud.provider\": \"anthropic\", \"cloud.model\": \"claude-sonnet-4-5\"}", Map.of("OPENAI_API_KEY", "sk"));
        assertThat(chosen.get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("anthropic");
        assertThat(chosen.source(SettingsSchema.CLOUD_PROVIDER)).isEqualTo(Settings.Source.FILE);

        Settings implied = load("{}", Map.of("OPENAI_API_KEY", "sk"));
        Settings none = implied.with(SettingsSchema.CLOUD_PROVIDER, "none");
        assertThat(none.get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("none");
        assertThat(none.fileValues()).containsEntry("cloud.provider", "none");
        Settings back = implied.with(SettingsSchema.CLOUD_PROVIDER, "openai");
        assertThat(back.fileValues()).as("the implied value is not written").doesNotContainKey("cloud.provider");

        Settings other = implied.with(SettingsSchema.CLOUD_PROVIDER, "anthropic");
        assertThat(other.get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("anthropic");
        assertThat(other.get(SettingsSchema.CLOUD_MODEL)).as("the implied OpenAI model goes with the implied provider").isEmpty();
    }
}
