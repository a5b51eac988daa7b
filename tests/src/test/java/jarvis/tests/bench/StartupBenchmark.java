package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.tests.support.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up to first frame of the main window, against a minimal JavaFX window measured in the same run, and the
 * idle memory of the running app. Prints figures and ratios; it does not judge them (the machines are shared).
 * Goals (issue 2): at most 2x the baseline, and under 250 MB resident.
 */
class StartupBenchmark {

    private static final int ROUNDS = 5;
    @TempDir
    Path home;

    /** The options ./jarvis starts the app with, besides the JVM options every child process gets. */
    private static List<String> launcherOptions() {
        return List.of("-Djarvis.reportFirstFrame=true");
    }

    @Test
    void startUpAgainstAMinimalWindowAndIdleMemory() throws Exception {
        List<Long> baseline = new ArrayList<>();
        List<Long> app = new ArrayList<>();
        firstFrameMillis(JavaProcess.testMain(null, List.of(), MinimalWindow.class));
        firstFrameMillis(JavaProcess.app(home, launcherOptions()));
        firstFrameMillis(JavaProcess.app(home, launcherOptions()));
        for (int round = 0; round < ROUNDS; round++) {
            baseline.add(firstFrameMillis(JavaProcess.testMain(null, List.of(), MinimalWindow.class)));
            app.add(firstFrameMillis(JavaProcess.app(home, launcherOptions())));
        }
        long baselineMedian = median(baseline);
        long appMedian = median(app);
        System.out.printf("BENCH startup: baseline minimal window median %d ms %s; Jarvis median %d ms %s; ratio %.2f (goal <= 2.0)%n",
                baselineMedian, baseline, appMedian, app, (double) appMedian / baselineMedian);

        long rssKb;
        int earlierStarts = databaseOpenings();
        try (JavaProcess running = JavaProcess.app(home, launcherOptions())) {
            assertThat(running.awaitLine("JARVIS_FIRST_FRAME", 60_000)).as(running.stderr()).isNotNull();
            // Idle means started in full (database open, first checks done) and no longer growing: two readings a second apart.
            long[] previous = {0};
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = residentKb(running.pid());
                boolean settled = databaseOpenings() > earlierStarts && Math.abs(now - previous[0]) < 1024;
                previous[0] = now;
                return settled;
            });
            rssKb = previous[0];
        }
        System.out.printf("BENCH idle memory: Jarvis resident set %.1f MB once started and settled (goal < 250 MB)%n", rssKb / 1024.0);
        assertThat(rssKb).isPositive();
    }

    private static long firstFrameMillis(JavaProcess process) throws Exception {
        long started = System.nanoTime();
        try (process) {
            String line = process.awaitLine("JARVIS_FIRST_FRAME", 60_000);
            assertThat(line).as("a first frame; stderr: %s", process.stderr()).isNotNull();
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    /** How many times the app has logged its database open in this folder: a new one means a start is complete. */
    private int databaseOpenings() throws Exception {
        Path log = home.resolve("logs").resolve("jarvis.log");
        return Files.exists(log) ? Files.readString(log).split("Database ready", -1).length - 1 : 0;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
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
