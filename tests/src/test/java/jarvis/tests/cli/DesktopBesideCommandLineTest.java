package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.tests.support.JavaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app in child processes: one window per data folder, the command line beside it, no secret in any file. */
class DesktopBesideCommandLineTest {

    private static final List<String> FIRST_FRAME = List.of("-Djarvis.reportFirstFrame=true");

    @TempDir
    Path home;

    @Test
    void aSecondWindowIsRefusedTheFirstComesToTheFrontAndTheCommandLineKeepsWorking() throws Exception {
        try (JavaProcess first = JavaProcess.app(home, FIRST_FRAME)) {
            assertThat(first.awaitLine("JARVIS_FIRST_FRAME", 60_000)).as("first window; stderr: %s", first.stderr()).isNotNull();

            try (JavaProcess second = JavaProcess.app(home, FIRST_FRAME)) {
                assertThat(second.waitFor(60)).isEqualTo(3);
                assertThat(second.stderr()).contains("already open on " + home).contains("brought to the front");
            }
            assertThat(first.isAlive()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("Another start on this data folder was refused"));

            try (JavaProcess set = JavaProcess.app(home, List.of(), "settings", "set", "ollama.model", "qwen3")) {
                assertThat(set.waitFor(60)).as(set.stderr()).isZero();
            }
            Path file = Files.writeString(home.resolve("part.stl"), "solid part\nendsolid part\n");
            try (JavaProcess put = JavaProcess.app(home, List.of(), "artifacts", "put", file.toString())) {
                assertThat(put.waitFor(60)).as("artifacts put while the window holds the database: %s", put.stderr()).isZero();
            }
            try (JavaProcess list = JavaProcess.app(home, List.of(), "artifacts", "list")) {
                assertThat(list.waitFor(60)).as(list.stderr()).isZero();
                assertThat(list.stdout()).contains("part.stl");
            }
            assertThat(first.isAlive()).isTrue();
        }
    }

    @Test
    void aSecretAppearsInNoLogNoSettingsFileAndNoDatabase() throws Exception {
        String secret = "sk-leak-canary-7f3a9c";
        try (JavaProcess set = JavaProcess.app(home, List.of(), "secrets", "set", "s3.secretKey")) {
            set.write(secret + "\n");
            assertThat(set.waitFor(60)).as(set.stderr()).isZero();
            assertThat(set.stdout() + set.stderr()).doesNotContain(secret);
        }
        try (JavaProcess key = JavaProcess.app(home, List.of(), "secrets", "set", "s3.accessKey")) {
            key.write("access-canary\n");
            assertThat(key.waitFor(60)).isZero();
        }
        for (String[] args : List.of(new String[] {"settings", "set", "logging.level", "debug"},
                new String[] {"settings", "set", "artifacts.backend", "s3"},
                new String[] {"settings", "set", "artifacts.s3.endpoint", "http://127.0.0.1:9"},
                new String[] {"doctor"})) {
            try (JavaProcess step = JavaProcess.app(home, List.of(), args)) {
                step.waitFor(60);
                assertThat(step.stdout() + step.stderr()).doesNotContain(secret);
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("secrets.")).toList();
            assertThat(written).anySatisfy(p -> assertThat(p.toString()).endsWith("jarvis-cli.log"));
            assertThat(written).anySatisfy(p -> assertThat(p.toString()).endsWith("settings.json"));
            assertThat(written).anySatisfy(p -> assertThat(p.toString()).endsWith(".mv.db"));
            for (Path file : written) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
            }
        }
        assertThat(Files.readString(home.resolve("logs").resolve("jarvis-cli.log"))).contains("Database ready");
    }

    private String log() throws Exception {
        Path log = home.resolve("logs").resolve("jarvis.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
