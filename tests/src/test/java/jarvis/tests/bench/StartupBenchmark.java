package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.tests.support.JavaProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as a person waits for it, from launching the JVM the way {@code ./jarvis} does (its JVM options, its
 * start-up cache, JavaFX on the module path): to the first frame, and to ready (the Chat area shown with the
 * conversations listed and the caret in the input box, which means the database has opened and migrated). Both
 * against a minimal JavaFX window launched the same way (options file, module path; without a cache, and for the
 * record with a cache of its own), in the same run, alternating; the ratio is the median of the rounds' ratios. Then
 * the idle memory.
 * Goals: first frame at most 1.3x the baseline, ready at most 2x, idle under 250 MB resident.
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final int ROUNDS = 9;
    private static final String FIRST_FRAME = "JARVIS_FIRST_FRAME";
    private static final String READY = "JARVIS_READY";

    @TempDir
    Path home;

    private static List<String> reporting() {
        return List.of("-Djarvis.reportFirstFrame=true");
    }

    @Test
    void startUpAgainstAMinimalWindowAndIdleMemory() throws Exception {
        long trainingMillis = JavaProcess.ensureStartupCache();
        // The baseline with a start-up cache of its own as well, for the record: the goals are against the plain one.
        Path minimalCache = home.resolve("minimal.aot");
        try (JavaProcess training = minimalWindow(List.of("-XX:AOTCacheOutput=" + minimalCache), "exit")) {
            assertThat(training.waitFor(120)).as(training.stderr()).isZero();
        }
        List<String> cached = List.of("-XX:AOTCache=" + minimalCache);
        List<Long> cachedBaseline = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        List<Long> firstFrames = new ArrayList<>();
        List<Long> readies = new ArrayList<>();
        baselineFirstFrame(List.of());
        appStart();
        for (int round = 0; round < ROUNDS; round++) {
            baseline.add(baselineFirstFrame(List.of()));
            cachedBaseline.add(baselineFirstFrame(cached));
            long[] app = appStart();
            firstFrames.add(app[0]);
            readies.add(app[1]);
        }
        double base = median(baseline);
        double firstFrame = median(firstFrames);
        double ready = median(readies);
        // Each round runs the baseline and the app back to back: the median of the rounds' ratios follows the machine's
        // load as it drifts, where a ratio of medians would not.
        List<Double> firstFrameRatios = new ArrayList<>();
        List<Double> readyRatios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            firstFrameRatios.add((double) firstFrames.get(round) / baseline.get(round));
            readyRatios.add((double) readies.get(round) / baseline.get(round));
        }

        long rssKb = idleResidentKb();
        new BenchReport("startup")
                .figure("baselineFirstFrameMillis", baseline)
                .figure("cachedBaselineFirstFrameMillis", cachedBaseline)
                .figure("firstFrameOverCachedBaseline", firstFrame / median(cachedBaseline))
                .figure("readyOverCachedBaseline", ready / median(cachedBaseline))
                .figure("firstFrameMillis", firstFrames)
                .figure("readyMillis", readies)
                .figure("startupCacheTrainingMillis", trainingMillis)
                .figure("firstFrameRatioOfMedians", firstFrame / base)
                .figure("readyRatioOfMedians", ready / base)
                .atMost("firstFrameRatio", median(firstFrameRatios), 1.3, "x baseline")
                .atMost("readyRatio", median(readyRatios), 2.0, "x baseline")
                .atMost("idleResidentMegabytes", rssKb / 1024.0, 250, "MB")
                .finish();
    }

    private long baselineFirstFrame(List<String> options) throws Exception {
        long started = System.nanoTime();
        try (JavaProcess window = minimalWindow(options)) {
            assertThat(window.awaitLine(FIRST_FRAME, 60_000)).as("a first frame; stderr: %s", window.stderr()).isNotNull();
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    /** The baseline from a jar of its own, as the app's classes come from jars (a start-up cache takes only jars). */
    private JavaProcess minimalWindow(List<String> options, String... args) throws IOException {
        Path jar = home.resolve("minimal-window.jar");
        if (!Files.exists(jar)) {
            String entry = MinimalWindow.class.getName().replace('.', '/') + ".class";
            try (InputStream in = MinimalWindow.class.getResourceAsStream("/" + entry);
                 JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(entry));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return JavaProcess.fxMain(jar, MinimalWindow.class.getName(), options, args);
    }

    /** Milliseconds from launch to the first frame and to ready. */
    private long[] appStart() throws Exception {
        long started = System.nanoTime();
        try (JavaProcess app = JavaProcess.app(home, reporting())) {
            assertThat(app.awaitLine(FIRST_FRAME, 60_000)).as("a first frame; stderr: %s", app.stderr()).isNotNull();
            long firstFrame = (System.nanoTime() - started) / 1_000_000;
            assertThat(app.awaitLine(READY, 60_000)).as("ready; stderr: %s", app.stderr()).isNotNull();
            return new long[] {firstFrame, (System.nanoTime() - started) / 1_000_000};
        }
    }

    /** Resident memory once started in full (ready, first checks done) and no longer growing: two readings a second apart. */
    private long idleResidentKb() throws Exception {
        int earlierStarts = databaseOpenings();
        try (JavaProcess running = JavaProcess.app(home, reporting())) {
            assertThat(running.awaitLine(READY, 60_000)).as(running.stderr()).isNotNull();
            long[] previous = {0};
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = residentKb(running.pid());
                boolean settled = databaseOpenings() > earlierStarts && Math.abs(now - previous[0]) < 1024;
                previous[0] = now;
                return settled;
            });
            return previous[0];
        }
    }

    /** How many times the app has logged its database open in this folder: a new one means a start is complete. */
    private int databaseOpenings() throws Exception {
        Path log = home.resolve("logs").resolve("jarvis.log");
        return Files.exists(log) ? Files.readString(log).split("Database ready", -1).length - 1 : 0;
    }

    private static double median(List<? extends Number> values) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long residentKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
