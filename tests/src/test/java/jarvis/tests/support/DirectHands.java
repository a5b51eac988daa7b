package jarvis.tests.support;

import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.watch.FailureWatch;

/** The failure watch's hands straight on the printers' drivers, without the tool runner the app puts between them. */
public record DirectHands(PrinterBook printers) implements FailureWatch.Hands {

    @Override
    public PrinterStatus status(PrinterBook.Entry printer) throws PrinterException {
        return printers.printer(printer).status();
    }

    @Override
    public void pause(PrinterBook.Entry printer, String why) throws PrinterException {
        printers.printer(printer).pause();
    }
}
