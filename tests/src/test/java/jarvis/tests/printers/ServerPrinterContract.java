package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus.State;
import org.junit.jupiter.api.Test;

/**
 * The contract of a printer behind a server of its own (OctoPrint, Moonraker): the server answers for a printer that is
 * not connected to it, and says so.
 */
abstract class ServerPrinterContract extends PrinterContract {

    @Test
    void aPrinterNotConnectedToItsServerReadsOfflineAndRefusesCommandsSayingWhy() throws Exception {
        disconnectPrinter();
        assertThat(printer().status().state()).isEqualTo(State.OFFLINE);
        assertThatThrownBy(() -> printer().setTemperature("bed", 60)).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY);
            assertThat(failure.getMessage()).contains("not operational");
        });
    }
}
