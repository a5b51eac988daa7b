package jarvis.tests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark's rounds in a JVM of their own, with its whole heap touched before it starts. A benchmark that
 * allocates hundreds of megabytes a round would otherwise time how fast this machine's kernel hands out fresh pages
 * (on these virtual machines 100 MB of new heap takes 300 to 700 ms to touch, ten times reading a file) and how the
 * tests before it left the heap, not the work.
 */
final class SteadyHeap {

    private SteadyHeap() {}

    /** Runs {@code main} with a heap of {@code megabytes}; returns the lines it printed. */
    static List<String> run(Class<?> main, int megabytes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + megabytes + "m", "-Xmx" + megabytes + "m", "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true",
                "--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        // Its output goes to a file, so that a child that hangs cannot hang the wait for it: the time limit holds.
        Path said = Files.createTempFile("steady-heap", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(said.toFile()).start();
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            String out = Files.readString(said, StandardCharsets.UTF_8);
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException(main.getSimpleName() + (ended ? " failed" : " ran past 10 minutes") + ":\n" + out);
            }
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(said);
        }
    }
}
