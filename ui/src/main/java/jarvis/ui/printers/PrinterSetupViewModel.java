package jarvis.ui.printers;

import jarvis.devices.printers.PrinterBook;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings' printers: the printers in the book, and a printer added or removed as {@code ./jarvis printers add} and
 * {@code remove} do, off the UI thread, its key straight into the secret store; what went wrong said in the status.
 */
public final class PrinterSetupViewModel {

    private final PrinterBook book;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<PrinterBook.Entry> printers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public PrinterSetupViewModel(PrinterBook book, Executor background, Executor ui) {
        this.book = book;
        this.background = background;
        this.ui = ui;
    }

    /** Reads the book again. */
    public void refresh() {
        background.execute(() -> {
            List<PrinterBook.Entry> entries = book.entries();
            ui.execute(() -> printers.setAll(entries));
        });
    }

    /**
     * Adds (or replaces) a printer; a Bambu's address may be its bare IP address. Completes true when it was added;
     * false with the reason in the status, the form left as it was for the person to mend.
     */
    public CompletableFuture<Boolean> add(PrinterBook.Kind kind, String name, String address, String serial, String key) {
        CompletableFuture<Boolean> added = new CompletableFuture<>();
        status.set("Adding " + name.strip() + "…");
        background.execute(() -> {
            String problem = null;
            try {
                String url = address.strip();
                URI where = URI.create(kind == PrinterBook.Kind.BAMBU && !url.contains("://") ? "mqtts://" + url : url);
                book.add(new PrinterBook.Entry(name.strip(), kind, where, Optional.of(serial.strip()).filter(text -> !text.isEmpty())), key.strip());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            List<PrinterBook.Entry> entries = book.entries();
            String failure = problem;
            ui.execute(() -> {
                printers.setAll(entries);
                status.set(failure == null ? "Added " + name.strip() + ": its tile is in Printers within seconds." : failure);
                added.complete(failure == null);
            });
        });
        return added;
    }

    public void remove(String name) {
        background.execute(() -> {
            boolean removed = book.remove(name);
            List<PrinterBook.Entry> entries = book.entries();
            ui.execute(() -> {
                printers.setAll(entries);
                status.set(removed ? "Removed " + name + " and its key." : "There was no printer " + name + ".");
            });
        });
    }

    public ObservableList<PrinterBook.Entry> printers() {
        return printers;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
