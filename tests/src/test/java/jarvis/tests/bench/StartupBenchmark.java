package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.tests.support.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The options ./jarvis starts the app with: its class-data archive is made by the first run, used by the rest. */
    private List<String> launcherOptions() {
        return List.of("-Djarvis.reportFirstFrame=true", "-XX:SharedArchiveFile=" + home.resolve("jarvis.jsa"),
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
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
        try (JavaProcess running = JavaProcess.app(home, launcherOptions())) {
            assertThat(running.awaitLine("JARVIS_FIRST_FRAME", 60_000)).as(running.stderr()).isNotNull();
            Thread.sleep(8_000);
            rssKb = residentKb(running.pid());
        }
        System.out.printf("BENCH idle memory: Jarvis resident set %.1f MB after start-up and 8 s idle (goal < 250 MB)%n", rssKb / 1024.0);
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
