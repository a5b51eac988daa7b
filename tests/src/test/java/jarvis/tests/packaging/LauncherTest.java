package jarvis.tests.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./jarvis} on Linux without what the window needs says what to install, instead of JavaFX's stack trace. The
 * check runs before anything is built, so these runs take a moment.
 */
@EnabledOnOs(OS.LINUX)
class LauncherTest {

    private static final Path LAUNCHER = Path.of("../jarvis").toAbsolutePath().normalize();

    @TempDir
    Path libraries;

    private record Run(int exit, String errors) {}

    private Run launch(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().remove("JARVIS_JAVA_OPTIONS");
        builder.environment().remove("JARVIS_SKIP_DISPLAY_CHECK");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path errors = Files.createTempFile(libraries, "launcher", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        try {
            // A launcher that got past its checks would build and open the app: it is stopped rather than waited for.
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher stops at once").isTrue();
            return new Run(process.exitValue(), Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void withoutGtk3ItSaysWhatToInstall() throws Exception {
        Run run = launch(Map.of("JARVIS_LIBRARY_DIRS", libraries.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errors()).contains("needs GTK 3").contains("apt-get install libgtk-3-0").contains("./jarvis --help")
                .doesNotContain("Unable to load glass").doesNotContain("building");
    }

    @Test
    void withGtk3ButNoDisplayItSaysSo() throws Exception {
        Files.createFile(libraries.resolve("libgtk-3.so.0"));
        Run run = launch(Map.of("JARVIS_LIBRARY_DIRS", libraries.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errors()).contains("no display").doesNotContain("GTK 3");
    }
}
