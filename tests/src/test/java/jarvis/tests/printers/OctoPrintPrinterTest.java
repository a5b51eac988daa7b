package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.devices.printers.OctoPrintPrinter;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterStatus;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OctoPrint driver against the OctoPrint simulator, through the printer contract. */
class OctoPrintPrinterTest extends ServerPrinterContract {

    private static final String KEY = "octo-key";

    private final OctoPrintSimulator octoprint = new OctoPrintSimulator(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        octoprint.close();
    }

    private Printer printer(String url, String key) {
        return new OctoPrintPrinter("Prusa", URI.create(url), key, http, Duration.ofSeconds(3), Clock.systemUTC());
    }

    @Override
    Printer printer() {
        return printer(octoprint.baseUrl(), KEY);
    }

    @Override
    Printer refusedPrinter() {
        return printer(octoprint.baseUrl(), "an-old-key");
    }

    @Override
    Printer unreachablePrinter() {
        return printer("http://127.0.0.1:" + Ports.nobodyListening(), KEY);
    }

    @Override
    void disconnectPrinter() {
        octoprint.connected(false);
    }

    @Override
    double target(String heater) {
        return octoprint.target(heater);
    }

    @Override
    boolean homed() {
        return octoprint.commands().stream().anyMatch(command -> command.startsWith("home"));
    }

    @Test
    void aPrinterStoppedByAnErrorReadsAsAnErrorWithOctoPrintsWordsNotAsOffline() throws Exception {
        octoprint.failed("Thermal Runaway");
        PrinterStatus status = printer().status();
        assertThat(status.state()).isEqualTo(PrinterStatus.State.ERROR);
        assertThat(status.stateText()).isEqualTo("Offline after error: Thermal Runaway");
    }

    @Test
    void itSaysWhichOctoPrintAnswersAndWhereToConnectAPrinterThatIsNot() throws Exception {
        assertThat(printer().version()).isEqualTo("OctoPrint 1.11.2");
        disconnectPrinter();
        assertThat(printer().status().stateText()).contains("No printer is connected to OctoPrint", "/dev/ttyACM0", "Connection panel");
    }
}
