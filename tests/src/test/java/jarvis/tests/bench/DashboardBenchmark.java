package jarvis.tests.bench;

import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.printers.MoonrakerPrinter;
import jarvis.devices.printers.PrinterBook;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Shells;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ten printers and ten cameras live at once: five Klipper printers printing (Moonraker simulators) and five OctoPrint
 * printers idle, read every two seconds with the Printers area open; then ten cameras, each a 1280×720 JPEG read every
 * half second (five snapshots, five from MJPEG streams), with the Cameras area open. A probe asks the UI thread for a
 * turn every 5 ms and records the longest wait (less any stop of the whole machine). The baseline is the same probe
 * with the Chat area open and nothing read. The process's CPU over ten seconds is printed for each, the Printers area
 * open and idle being the "idle dashboard"; the simulators run in the same process, so their share is in it. Left out:
 * drawing to a real screen (the headless platform renders in software).
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class DashboardBenchmark {

    private static final int EACH = 5;
    private static final Duration MEASURED = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private final List<MoonrakerSimulator> klippers = new ArrayList<>();
    private final List<OctoPrintSimulator> octoprints = new ArrayList<>();
    private final CameraSimulator cameraServer = new CameraSimulator("pi", "raspberry");
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        Path part = Files.writeString(home.resolve("bracket.gcode"), "G28\n");
        for (int i = 0; i < EACH; i++) {
            MoonrakerSimulator klipper = new MoonrakerSimulator("");
            klippers.add(klipper);
            core.printers().add(new PrinterBook.Entry("Voron " + i, PrinterBook.Kind.MOONRAKER, URI.create(klipper.baseUrl()), Optional.empty()), "");
            new MoonrakerPrinter("Voron " + i, URI.create(klipper.baseUrl()), "", HttpClient.newHttpClient(), Duration.ofSeconds(3), Clock.systemUTC())
                    .upload(part, true);
            OctoPrintSimulator octoprint = new OctoPrintSimulator("key-" + i);
            octoprints.add(octoprint);
            core.printers().add(new PrinterBook.Entry("Prusa " + i, PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()),
                    "key-" + i);
            core.cameras().add(new CameraBook.Entry("Still " + i, CameraBook.Kind.HTTP, URI.create(cameraServer.baseUrl() + "/hd.jpg"), "", "",
                    Duration.ofMillis(500)), "");
            core.cameras().add(new CameraBook.Entry("Stream " + i, CameraBook.Kind.HTTP, URI.create(cameraServer.baseUrl() + "/?action=stream"),
                    "", "", Duration.ofMillis(500)), "");
        }
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        klippers.forEach(MoonrakerSimulator::close);
        octoprints.forEach(OctoPrintSimulator::close);
        cameraServer.close();
    }

    /** The longest UI wait (less the machine's own stops) and the process's CPU share, over the measured seconds. */
    private record Measured(double stallMillis, double cpuPercent) {}

    private static Measured measure() throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<UiProbe.Wait> machine = new CopyOnWriteArrayList<>();
        List<List<UiProbe.Wait>> waits = new CopyOnWriteArrayList<>();
        long cpuBefore = os.getProcessCpuTime();
        long before = System.nanoTime();
        Thread probe = Thread.ofPlatform().start(() -> waits.add(UiProbe.waits(MEASURED, new AtomicBoolean(true), machine)));
        probe.join();
        double cpu = (os.getProcessCpuTime() - cpuBefore) * 100.0 / ((System.nanoTime() - before) * (double) os.getAvailableProcessors());
        return new Measured(UiProbe.longestOfTheUi(waits.getFirst(), machine) / 1e6, cpu);
    }

    private static boolean pictured(FxRobot robot, int cameras) {
        return robot.lookup(".camera-tile").queryAll().stream().filter(tile -> tile.lookup("ImageView") instanceof ImageView view
                && view.getImage() != null).count() == cameras;
    }

    @Test
    void tenPrintersAndTenCamerasLiveWithoutStallingTheWindow(FxRobot robot) throws Exception {
        Measured idle = measure();

        robot.clickOn("#rail-printers");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup(".printer-state").queryAll().stream()
                .filter(label -> ((Label) label).getText().equals("Printing")).count() == EACH);
        Measured printers = measure();

        robot.clickOn("#rail-cameras");
        await().atMost(Duration.ofSeconds(20)).until(() -> pictured(robot, 2 * EACH));
        Measured cameras = measure();

        new BenchReport("dashboard")
                .figure("printers", 2 * EACH)
                .figure("cameras", 2 * EACH)
                .figure("cameraPicture", "1280x720 JPEG, " + CameraSimulator.HD.length / 1024 + " KB, every 0.5 s")
                .figure("chatIdleUiStallMaxMillis", idle.stallMillis())
                .figure("chatIdleCpuPercent", idle.cpuPercent())
                .figure("idleDashboardCpuPercent", printers.cpuPercent())
                .figure("camerasCpuPercent", cameras.cpuPercent())
                .figure("printersStallOverIdle", printers.stallMillis() / Math.max(1, idle.stallMillis()))
                .figure("camerasStallOverIdle", cameras.stallMillis() / Math.max(1, idle.stallMillis()))
                .atMost("printersUiStallMaxMillis", printers.stallMillis(), 50, "ms")
                .atMost("camerasUiStallMaxMillis", cameras.stallMillis(), 50, "ms")
                .finish();
    }
}
