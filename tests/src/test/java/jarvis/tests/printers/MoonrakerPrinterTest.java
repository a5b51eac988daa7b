package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.devices.printers.MoonrakerPrinter;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus.State;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.support.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Klipper driver against the Moonraker simulator, through the printer contract, and what is Klipper's own. */
class MoonrakerPrinterTest extends ServerPrinterContract {

    private static final String KEY = "moon-key";
    private static final Map<String, String> KLIPPER_HEATERS = Map.of("tool0", "extruder", "bed", "heater_bed");

    private final MoonrakerSimulator moonraker = new MoonrakerSimulator(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<MoonrakerPrinter> made = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        made.forEach(MoonrakerPrinter::close);
        moonraker.close();
    }

    private MoonrakerPrinter printer(String url, String key) {
        MoonrakerPrinter printer = new MoonrakerPrinter("Voron", URI.create(url), key, http, Duration.ofSeconds(3), Clock.systemUTC());
        made.add(printer);
        return printer;
    }

    @Test
    void onceSubscribedItReadsTheWebsocketsDeltasWithoutAskingAndFallsBackToHttpWhenItIsCut() throws Exception {
        java.nio.file.Path file = folder.resolve("cube.gcode");
        java.nio.file.Files.writeString(file, "G28\n");
        MoonrakerPrinter printer = printer(moonraker.baseUrl(), KEY);
        printer.upload(file, true);
        printer.status();
        await().atMost(Duration.ofSeconds(5)).until(moonraker::subscribed);
        // Settled after the upload, readings come from the subscription: no more queries.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            int asked = moonraker.queries();
            printer.status();
            return moonraker.queries() == asked;
        });
        int asked = moonraker.queries();
        double before = printer.status().job().orElseThrow().progress();

        moonraker.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().job().orElseThrow().progress() > before);
        assertThat(moonraker.queries()).isEqualTo(asked);
        assertThat(printer.status().state()).isEqualTo(State.PRINTING);

        moonraker.dropWebsockets();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            printer.status();
            return moonraker.queries() > asked;
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            printer.status();
            return moonraker.subscribed();
        });

        moonraker.klippyShutdown("Heater extruder not heating at expected rate");
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.ERROR);
        assertThat(printer.status().stateText()).contains("not heating at expected rate");
    }

    @Test
    void aWebsocketThatFallsSilentIsTakenForHalfOpenAndTheReadingsGoBackToHttp() throws Exception {
        MoonrakerPrinter printer = printer(moonraker.baseUrl(), KEY);
        printer.status();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            int asked = moonraker.queries();
            printer.status();
            return moonraker.subscribed() && moonraker.queries() == asked;
        });
        int asked = moonraker.queries();

        moonraker.silence();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            printer.status();
            return moonraker.queries() > asked;
        });
    }

    @Test
    void anUploadCutOffHalfWayIsSaidAsSuchAndLeavesNothingStarted() throws Exception {
        java.nio.file.Path file = folder.resolve("bracket.gcode");
        java.nio.file.Files.writeString(file, "G1 X10 Y10 F3000\n".repeat(200_000));
        // A server that takes the request's first 64 KB and then drops the connection, as a Pi losing its Wi-Fi does.
        try (java.net.ServerSocket cutter = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket socket = cutter.accept()) {
                    socket.getInputStream().readNBytes(64 * 1024);
                } catch (java.io.IOException ignored) {
                    // The test's client goes too.
                }
            });
            MoonrakerPrinter printer = printer("http://127.0.0.1:" + cutter.getLocalPort(), KEY);

            assertThatThrownBy(() -> printer.upload(file, true)).isInstanceOfSatisfying(PrinterException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(PrinterException.Kind.UNREACHABLE);
                assertThat(failure.getMessage()).contains("broke off");
            });
        }
        assertThat(moonraker.uploads()).isEmpty();
    }

    @Test
    void aWebsocketRefusedForItsKeyLeavesTheReadingsToHttp() throws Exception {
        MoonrakerPrinter printer = printer(moonraker.baseUrl(), "an-old-key");
        assertThatThrownBy(printer::status).isInstanceOf(PrinterException.class);
        Thread.sleep(500);
        assertThat(moonraker.subscribed()).isFalse();
    }

    /** Progress moves with queries over HTTP; a subscribed driver hears it only when the simulated print moves on. */
    @Override
    void timePasses() {
        moonraker.tick();
    }

    @Override
    Printer printer() {
        return printer(moonraker.baseUrl(), KEY);
    }

    @Override
    Printer refusedPrinter() {
        return printer(moonraker.baseUrl(), "an-old-key");
    }

    @Override
    Printer unreachablePrinter() {
        return printer("http://127.0.0.1:" + Ports.nobodyListening(), KEY);
    }

    @Override
    void disconnectPrinter() {
        moonraker.klippyConnected(false);
    }

    @Override
    double target(String heater) {
        return moonraker.target(KLIPPER_HEATERS.get(heater));
    }

    @Override
    boolean homed() {
        return moonraker.commands().contains("G28");
    }

    @Test
    void klipperPausesAnIdlePrinterSilentlySoTheDriverChecksFirstAndSendsNothing() {
        assertThatThrownBy(() -> printer().resume()).isInstanceOfSatisfying(PrinterException.class,
                failure -> assertThat(failure.getMessage()).contains("Voron").contains("not paused"));
        assertThat(moonraker.commands()).isEmpty();
    }

    @Test
    void aHeaterKlipperDoesNotHaveIsRefusedInKlippersWords() {
        assertThatThrownBy(() -> printer().setTemperature("chamber", 40)).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY);
            assertThat(failure.getMessage()).contains("Unknown heater");
        });
    }

    @Test
    void aPrintShowsTimeLeftEstimatedFromTheTimeSoFar() throws Exception {
        java.nio.file.Path file = folder.resolve("cube.gcode");
        java.nio.file.Files.writeString(file, "G28\n");
        Printer printer = printer();
        printer.upload(file, true);
        printer.status();
        var status = printer.status();
        var job = status.job().orElseThrow();
        assertThat(job.progress()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(job.printed()).isEqualTo(Duration.ofMinutes(2));
        assertThat(job.left()).hasValue(Duration.ofMinutes(8));
        assertThat(job.layers()).hasValue(new jarvis.devices.printers.PrinterStatus.Layers(24, 120));
        assertThat(status.filament()).hasValue("1.20 m used");
        assertThatThrownBy(() -> printer.light(true)).isInstanceOf(PrinterException.class).hasMessageContaining("no light");
    }

    @Test
    void aKlipperThatShutDownReadsAsAnErrorWithKlippersReason() throws Exception {
        moonraker.klippyShutdown("Heater extruder not heating at expected rate");
        var status = printer().status();
        assertThat(status.state()).isEqualTo(jarvis.devices.printers.PrinterStatus.State.ERROR);
        assertThat(status.stateText()).isEqualTo("Klipper shutdown: Heater extruder not heating at expected rate");
    }

    @Test
    void uploadingOverTheFileBeingPrintedIsSaidAsSuchNotAsARefusedKey() throws Exception {
        java.nio.file.Path file = folder.resolve("cube.gcode");
        java.nio.file.Files.writeString(file, "G28\n");
        printer().upload(file, true);
        assertThatThrownBy(() -> printer().upload(file, false)).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY);
            assertThat(failure.getMessage()).contains("File currently in use");
        });
    }
}
