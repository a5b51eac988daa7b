package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.tests.support.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process against a fresh data folder. */
class CommandLineTest {

    @TempDir
    Path home;


    private Cli.Result run(Map<String, String> env, String... args) {
        return Cli.run(home, env, args);
    }

    private Cli.Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void versionAndHelpNameTheProgram() {
        assertThat(run("--version").out()).startsWith("Jarvis ").contains("Java 25");
        Cli.Result help = run("--help");
        assertThat(help.out()).contains("doctor", "settings", "secrets", "artifacts");
        assertThat(run("settings", "--help").out()).contains("list", "get", "set");
    }

    @Test
    void settingsListShowsEveryKeyWithValueDefaultAndSource() {
        Cli.Result list = run(Map.of("OLLAMA_HOST", "127.0.0.1:9999"), "settings", "list");
        assertThat(list.status()).isZero();
        assertThat(list.out()).contains("KEY", "VALUE", "DEFAULT", "SOURCE")
                .containsPattern("ollama\\.url\\s+http://127\\.0\\.0\\.1:9999\\s+http://127\\.0\\.0\\.1:11434\\s+env OLLAMA_HOST")
                .containsPattern("health\\.intervalSeconds\\s+30\\s+30\\s+default");
    }

    @Test
    void settingsSetValidatesSavesAndGetReadsBack() {
        assertThat(run("settings", "set", "ollama.model", "qwen3:8b").status()).isZero();
        assertThat(run("settings", "get", "ollama.model").out().strip()).isEqualTo("qwen3:8b");

        Cli.Result bad = run("settings", "set", "health.intervalSeconds", "soon");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("health.intervalSeconds").contains("not a whole number");

        Cli.Result unknown = run("settings", "get", "ollama.modle");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no setting 'ollama.modle'");
    }

    @Test
    void doctorPassesOnAFreshFolderAndFailsOnABrokenSettingsFile() throws Exception {
        Cli.Result fresh = run("doctor");
        assertThat(fresh.status()).as(fresh.out()).isZero();
        assertThat(fresh.out()).contains("Database", "OK", "Artifact store", "Ollama", "WARN", "Everything required works");

        Files.writeString(home.resolve("settings.json"), "{\"health.intervalSeconds\": true}");
        Cli.Result broken = run("doctor");
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.out()).contains("FAIL").contains("health.intervalSeconds").contains("expected a whole number");
    }

    @Test
    void doctorFailsWhenTheArtifactStoreCannotBeReached() {
        run("settings", "set", "artifacts.backend", "s3");
        run("settings", "set", "artifacts.s3.endpoint", "http://127.0.0.1:9");
        Cli.Result result = run("doctor");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains("Artifact store").contains("no access key");
    }

    @Test
    void secretsSetReadsStandardInputAndNeverPrintsTheValue() {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("sk-cli-secret-value\n".getBytes(StandardCharsets.UTF_8)));
            Cli.Result set = run("secrets", "set", "openai.apiKey");
            assertThat(set.status()).as(set.err()).isZero();
        } finally {
            System.setIn(original);
        }
        Cli.Result list = run("secrets", "list");
        assertThat(list.out()).containsPattern("openai\\.apiKey\\s+stored").doesNotContain("sk-cli-secret-value");
        assertThat(run(Map.of("OPENAI_API_KEY", "sk-env"), "secrets", "list").out()).contains("set by OPENAI_API_KEY");
    }

    @Test
    void artifactsPutListGetAndVersions() throws Exception {
        Path file = Files.writeString(home.resolve("bracket.gcode"), "G28\n");
        assertThat(run("artifacts", "put", file.toString(), "--name", "gcode/bracket.gcode", "--meta", "printer=mk4").status()).isZero();
        Files.writeString(file, "G28\nG1 X1\n");
        assertThat(run("artifacts", "put", file.toString(), "--name", "gcode/bracket.gcode").status()).isZero();

        assertThat(run("artifacts", "list", "gcode/").out()).contains("gcode/bracket.gcode").containsPattern("gcode/bracket\\.gcode\\s+2");
        assertThat(run("artifacts", "versions", "gcode/bracket.gcode").out()).containsPattern("(?s)bracket\\.gcode\\s+2.*bracket\\.gcode\\s+1.*printer=mk4");

        Path out = home.resolve("v1.gcode");
        assertThat(run("artifacts", "get", "gcode/bracket.gcode", "--version", "1", "-o", out.toString()).status()).isZero();
        assertThat(Files.readString(out)).isEqualTo("G28\n");

        Cli.Result missing = run("artifacts", "get", "gcode/nothing.gcode");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no artifact named").contains("artifacts list");
    }
}
