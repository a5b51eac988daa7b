package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every printer driver must do, whatever its server: each driver's test extends this with its simulator. The
 * printer reads idle, prints an uploaded file with progress, pauses, resumes and cancels, sets heaters and homes,
 * and says plainly when its key is refused, its printer is not connected, a command does not fit, or its server is down.
 */
abstract class PrinterContract {

    @TempDir
    Path folder;

    /** The driver, talking to the simulator with the right key. */
    abstract Printer printer();

    /** The same driver with a key the server refuses. */
    abstract Printer refusedPrinter();

    /** The same driver pointed at an address where nothing listens. */
    abstract Printer unreachablePrinter();

    /** Disconnects the printer from its server (the cable pulled), the server itself still up. */
    abstract void disconnectPrinter();

    /** The heater target the simulated printer holds now. */
    abstract double target(String heater);

    /** Whether the simulated printer was homed. */
    abstract boolean homed();

    private Path gcode() throws Exception {
        Path file = folder.resolve("bracket.gcode");
        Files.writeString(file, "G28\nG1 X10 Y10 F3000\n".repeat(500));
        return file;
    }

    @Test
    void anIdlePrinterReadsIdleWithItsHeaters() throws Exception {
        PrinterStatus status = printer().status();
        assertThat(status.state()).isEqualTo(State.IDLE);
        assertThat(status.job()).isEmpty();
        assertThat(status.temperatures()).containsKeys("tool0", "bed");
    }

    /** Some time passes on the printer while it prints (a push printer reports progress only as it makes it). */
    void timePasses() {
    }

    /** The printer reaches this state soon: at once over HTTP, within a report or two for a printer that pushes its state. */
    static void reaches(Printer printer, State state) {
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == state);
    }

    @Test
    void anUploadedFilePrintsWithProgressAndPausesResumesAndCancels() throws Exception {
        Printer printer = printer();
        printer.upload(gcode(), true);
        reaches(printer, State.PRINTING);
        PrinterStatus printing = printer.status();
        assertThat(printing.job()).hasValueSatisfying(job -> {
            assertThat(job.file()).startsWith("bracket");
            assertThat(job.progress()).isBetween(0.0, 1.0);
        });
        double before = printing.job().orElseThrow().progress();
        timePasses();
        await("progress moves on").atMost(Duration.ofSeconds(5))
                .until(() -> printer.status().job().map(PrinterStatus.Job::progress).orElse(0.0) > before);

        printer.pause();
        reaches(printer, State.PAUSED);
        printer.resume();
        reaches(printer, State.PRINTING);
        printer.cancel();
        reaches(printer, State.IDLE);
    }

    @Test
    void aFileUploadedWithItsProgressToldStartsWhenAskedAndNotTwice() throws Exception {
        Printer printer = printer();
        Path file = gcode();
        java.util.List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        printer.upload(file, false, told::add);
        assertThat(printer.status().state()).isEqualTo(State.IDLE);
        assertThat(told).isNotEmpty().isSorted();
        assertThat(told.getLast()).isEqualTo(Files.size(file));

        printer.start("bracket.gcode");
        reaches(printer, State.PRINTING);
        assertThat(printer.status().job().orElseThrow().file()).startsWith("bracket");
        assertThatThrownBy(() -> printer.start("bracket.gcode")).isInstanceOf(PrinterException.class);
    }

    @Test
    void aMeshIsRefusedBeforeItIsSentWithWhatToDo() throws Exception {
        Path mesh = Files.writeString(folder.resolve("bracket.stl"), "solid bracket\nendsolid bracket\n");
        assertThatThrownBy(() -> printer().upload(mesh, false)).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.REJECTED);
            assertThat(failure.getMessage()).contains("bracket.stl").contains("slice it");
        });
    }

    @Test
    void heatersAreSetAndTheAxesHomed() throws Exception {
        Printer printer = printer();
        printer.setTemperature("tool0", 215);
        printer.setTemperature("bed", 60);
        assertThat(target("tool0")).isEqualTo(215);
        assertThat(target("bed")).isEqualTo(60);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().temperatures().get("bed").target() == 60);
        printer.home();
        assertThat(homed()).isTrue();
        assertThatThrownBy(() -> printer.setTemperature("tool9x", 200)).isInstanceOf(PrinterException.class)
                .satisfies(failure -> assertThat(((PrinterException) failure).kind()).isEqualTo(PrinterException.Kind.REJECTED));
    }

    @Test
    void aCommandThatDoesNotFitTheStateIsSaidSo() {
        assertThatThrownBy(() -> printer().pause()).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY);
            assertThat(failure.getMessage()).contains("pause");
        });
    }

    @Test
    void aRefusedKeyAPrinterNotConnectedAndAServerThatIsDownAreSaidPlainly() throws Exception {
        assertThatThrownBy(() -> refusedPrinter().status()).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.REFUSED);
            assertThat(failure.getMessage()).containsAnyOf("key", "access code");
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> unreachablePrinter().status()).isInstanceOfSatisfying(PrinterException.class,
                failure -> assertThat(failure.kind()).isEqualTo(PrinterException.Kind.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        disconnectPrinter();
        await().atMost(Duration.ofSeconds(10)).until(() -> readsOffline(printer()));
        assertThatThrownBy(() -> printer().setTemperature("bed", 60)).isInstanceOfSatisfying(PrinterException.class, failure ->
                assertThat(failure.kind()).isIn(PrinterException.Kind.NOT_READY, PrinterException.Kind.UNREACHABLE));
    }

    /** Offline as a status (its server answers for it), or not reachable at all (the printer is its own server). */
    private static boolean readsOffline(Printer printer) {
        try {
            return printer.status().state() == State.OFFLINE;
        } catch (PrinterException e) {
            return e.kind() == PrinterException.Kind.UNREACHABLE;
        }
    }
}
