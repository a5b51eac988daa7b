package jarvis.tests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a child JVM the way {@code ./jarvis} does (JavaFX on the module path, the app on the class path), or
 * with this test run's class path, and reads its output line by line.
 */
public final class JavaProcess implements AutoCloseable {

    /** The JavaFX platform of every child: off screen, drawn in software. */
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Headless", "-Dprism.order=sw");
    private static final String CACHE = "jarvis.aot";

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

    /** The JVM options of {@code ./jarvis} and the packaged app, from the one file they all read. */
    public static List<String> jvmOptions() {
        Path file = Path.of(System.getProperty("jarvis.jvm.options", "../app/src/main/jvm/jvm.options")).toAbsolutePath().normalize();
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the JVM options at " + file, e);
        }
    }

    private static List<String> appLaunch(Path lib) {
        return List.of("--module-path", lib.resolve("fx").toString(), "--add-modules", "javafx.controls",
                "-cp", lib.resolve("app") + "/*", "jarvis.app.Jarvis");
    }

    /**
     * The start-up cache {@code ./jarvis} uses, when its stamp names this JDK and this place and no jar is newer than
     * the stamp (the launcher's own rule: a stale cache is not used).
     */
    private static List<String> freshCache(Path lib) throws IOException {
        Path cache = lib.resolve(CACHE);
        return Files.isRegularFile(cache) && stampIsFresh(lib) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    private static boolean stampIsFresh(Path lib) throws IOException {
        Path stamp = lib.resolve(CACHE + ".stamp");
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).strip().equals(identity(lib))) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(stamp);
        for (Path folder : List.of(lib.resolve("app"), lib.resolve("fx"))) {
            try (Stream<Path> jars = Files.list(folder)) {
                for (Path jar : jars.toList()) {
                    if (Files.getLastModifiedTime(jar).compareTo(made) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private static String identity(Path lib) {
        return javaHome() + "|" + lib;
    }

    /**
     * Makes the start-up cache the way {@code ./jarvis} does when it is missing or stale: a training run that opens
     * the app off screen, waits until Chat is ready and exits. Returns how long that took, or 0 when it was fresh.
     */
    public static long ensureStartupCache() throws IOException, InterruptedException {
        Path lib = appLib();
        Path cache = lib.resolve(CACHE);
        if (Files.isRegularFile(cache) && stampIsFresh(lib)) {
            return 0;
        }
        Files.deleteIfExists(cache);
        Path home = Files.createTempDirectory("jarvis-training");
        long started = System.nanoTime();
        try (JavaProcess training = start(home, Map.of(), List.of("-XX:AOTCacheOutput=" + cache, "-Djarvis.exitWhenReady=true"),
                appLaunch(lib))) {
            int status = training.waitFor(300);
            if (status != 0 || !Files.isRegularFile(cache)) {
                throw new IllegalStateException("The training run for the start-up cache failed (" + status + "):\n" + training.stderr());
            }
        } finally {
            deleteTree(home);
        }
        Files.writeString(lib.resolve(CACHE + ".stamp"), identity(lib) + "\n");
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The packaged app ({@code jarvis.app.Jarvis}) with {@code JARVIS_HOME} set. */
    public static JavaProcess app(Path home, List<String> extraJvmOptions, String... args) throws IOException {
        return app(home, Map.of(), extraJvmOptions, args);
    }

    /** The packaged app with {@code JARVIS_HOME} and the given environment variables set. */
    public static JavaProcess app(Path home, Map<String, String> environment, List<String> extraJvmOptions, String... args)
            throws IOException {
        Path lib = appLib();
        List<String> options = new ArrayList<>(freshCache(lib));
        options.addAll(extraJvmOptions);
        return start(home, environment, options, appLaunch(lib), args);
    }

    /** A class from this test run's own class path. */
    public static JavaProcess testMain(Path home, List<String> extraJvmOptions, Class<?> main, String... args) throws IOException {
        return start(home, Map.of(), extraJvmOptions, List.of("-cp", System.getProperty("java.class.path"), main.getName()), args);
    }

    /**
     * A JavaFX program launched the way {@code ./jarvis} launches the app: the app's JVM options, JavaFX on the module
     * path, and only {@code classPath} on the class path.
     */
    public static JavaProcess fxMain(Path classPath, String mainClass, List<String> extraJvmOptions, String... args) throws IOException {
        Path lib = appLib();
        return start(null, Map.of(), extraJvmOptions, List.of("--module-path", lib.resolve("fx").toString(), "--add-modules", "javafx.controls",
                "-cp", classPath.toString(), mainClass), args);
    }

    private static JavaProcess start(Path home, Map<String, String> environment, List<String> extraJvmOptions, List<String> launch,
                                     String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome(), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(HEADLESS);
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
