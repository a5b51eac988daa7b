package jarvis.tests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM the way {@code ./jarvis} does (JavaFX on the module path, the app on the class path), or
 * with this test run's class path, and reads its output line by line.
 */
public final class JavaProcess implements AutoCloseable {

    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmx2g", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "--enable-native-access=ALL-UNNAMED,javafx.graphics", "--sun-misc-unsafe-memory-access=allow",
            "-Dglass.platform=Headless", "-Dprism.order=sw");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();

    private JavaProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> pumpOut(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        Thread.ofVirtual().start(() -> pumpErr(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))));
    }

    /** Keeps every character as it arrives (a streamed answer has no line end yet), and hands whole lines to {@link #awaitLine}. */
    private void pumpOut(InputStreamReader reader) {
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[4096];
        try (reader) {
            for (int read; (read = reader.read(buffer)) >= 0; ) {
                stdout.append(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(buffer[i]);
                    }
                }
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private void pumpErr(BufferedReader reader) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                stderr.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static Path appLib() {
        Path lib = Path.of(System.getProperty("jarvis.app.lib", "../app/target/lib")).toAbsolutePath().normalize();
        if (!Files.isDirectory(lib.resolve("app"))) {
            throw new IllegalStateException("The app is not packaged at " + lib + "; run ./mvnw package first.");
        }
        return lib;
    }

    /** The packaged app ({@code jarvis.app.Jarvis}) with {@code JARVIS_HOME} set. */
    public static JavaProcess app(Path home, List<String> extraJvmOptions, String... args) throws IOException {
        return app(home, Map.of(), extraJvmOptions, args);
    }

    /** The packaged app with {@code JARVIS_HOME} and the given environment variables set. */
    public static JavaProcess app(Path home, Map<String, String> environment, List<String> extraJvmOptions, String... args)
            throws IOException {
        Path lib = appLib();
        return start(home, environment, extraJvmOptions, List.of("--module-path", lib.resolve("fx").toString(), "--add-modules", "javafx.controls",
                "-cp", lib.resolve("app") + "/*", "jarvis.app.Jarvis"), args);
    }

    /** A class from this test run's own class path. */
    public static JavaProcess testMain(Path home, List<String> extraJvmOptions, Class<?> main, String... args) throws IOException {
        return start(home, Map.of(), extraJvmOptions, List.of("-cp", System.getProperty("java.class.path"), main.getName()), args);
    }

    private static JavaProcess start(Path home, Map<String, String> environment, List<String> extraJvmOptions, List<String> launch,
                                     String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.addAll(launch);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("OLLAMA") || key.startsWith("OPENAI") || key.startsWith("ANTHROPIC")
                || key.startsWith("HASS_"));
        if (home != null) {
            env.put("JARVIS_HOME", home.toString());
        }
        env.putAll(environment);
        return new JavaProcess(builder.start());
    }

    /** Waits for a line starting with {@code prefix}; returns it, or null after the timeout. */
    public String awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    public void write(String input) throws IOException {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
    }

    /** Waits for the end; returns the exit status. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The child process did not end within " + timeoutSeconds + " s; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    /** Everything printed so far. */
    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        return stderr.toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Unix: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
