package jarvis.ui.printers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.printers.PrinterWatch;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Printers area's state: one reading per printer, taken from the watch at the next frame (however many arrive
 * between two frames, one pass), in name order; and the actions a tile's buttons take, through the same runner, tool
 * and confirmation as the conversation's.
 */
public final class PrintersViewModel {

    private final PrinterWatch watch;
    private final ToolRunner runner;
    private final Tool control;
    private final Executor background;
    private final Executor ui;
    private final Executor frame;
    private final ObjectMapper json = new ObjectMapper();
    private final ObservableList<PrinterWatch.Reading> printers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final Map<String, PrinterWatch.Reading> pending = new ConcurrentHashMap<>();
    private final Consumer<PrinterWatch.Reading> watcher = this::arrived;

    /**
     * @param ui the UI thread, for an action's outcome
     * @param frame the UI thread at its next frame, where readings are taken
     */
    public PrintersViewModel(PrinterWatch watch, ToolRunner runner, Tool control, Executor background, Executor ui, Executor frame) {
        this.watch = watch;
        this.runner = runner;
        this.control = control;
        this.background = background;
        this.ui = ui;
        this.frame = frame;
    }

    public void attach() {
        watch.watch(watcher);
        watch.start();
    }

    public void detach() {
        watch.unwatch(watcher);
    }

    private void arrived(PrinterWatch.Reading reading) {
        if (pending.put(reading.printer().name(), reading) == null) {
            frame.execute(this::apply);
        }
    }

    /** On the UI thread: each printer's newest reading replaces its tile's, in place; a printer gone is removed. */
    private void apply() {
        Map<String, PrinterWatch.Reading> known = watch.latest();
        for (String name : pending.keySet()) {
            PrinterWatch.Reading reading = pending.remove(name);
            int at = indexOf(name);
            if (!known.containsKey(name)) {
                if (at >= 0) {
                    printers.remove(at);
                }
            } else if (at >= 0) {
                printers.set(at, reading);
            } else {
                printers.add(reading);
                FXCollections.sort(printers, Comparator.comparing(one -> one.printer().name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < printers.size(); i++) {
            if (printers.get(i).printer().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Pauses, resumes, cancels or homes a printer as a click does: off the UI thread, through the runner (which asks a
     * person first when the policy says so), the outcome in the status line, then the printer read again at once.
     */
    public CompletableFuture<ToolRunner.Card> act(String printer, String action) {
        ObjectNode arguments = json.createObjectNode().put("printer", printer).put("action", action);
        status.set("Sending: " + control.describe(arguments) + "…");
        CompletableFuture<ToolRunner.Card> outcome = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> runner.run(control, arguments, new ToolRunner.Asker(printer + ": " + action,
                        "a click in the Printers area")).card(), background)
                .whenComplete((card, failure) -> ui.execute(() -> {
                    if (failure != null) {
                        status.set("Failed: " + failure.getMessage());
                        outcome.completeExceptionally(failure);
                        return;
                    }
                    status.set(card.summary());
                    background.execute(() -> watch.readNow(printer));
                    outcome.complete(card);
                }));
        return outcome;
    }

    public ObservableList<PrinterWatch.Reading> printers() {
        return printers;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
