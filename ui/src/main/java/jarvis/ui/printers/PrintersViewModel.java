package jarvis.ui.printers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.cameras.Camera;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterWatch;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolRunner;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.image.Image;

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
    private static final int TILES_PER_FRAME = 3;
    private final Uploader uploader;
    private final Function<PrinterBook.Entry, Optional<Camera>> cameras;
    private final ObservableMap<String, Image> pictures = FXCollections.observableHashMap();
    private final Map<String, Boolean> looking = new ConcurrentHashMap<>();
    private volatile boolean showing;

    /**
     * @param ui the UI thread, for an action's outcome
     * @param frame the UI thread at its next frame, where readings are taken
     */
    public PrintersViewModel(PrinterWatch watch, ToolRunner runner, Tool control, Uploader uploader,
                             Function<PrinterBook.Entry, Optional<Camera>> cameras, Executor background, Executor ui, Executor frame) {
        this.watch = watch;
        this.runner = runner;
        this.control = control;
        this.uploader = uploader;
        this.cameras = cameras;
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
        look(reading);
        if (pending.put(reading.printer().name(), reading) == null) {
            frame.execute(this::apply);
        }
    }

    /**
     * On the UI thread: each printer's newest reading replaces its tile's, in place; a printer gone is removed. A few
     * tiles a frame: ten printers read in the same round are drawn over a few frames, not all in one long one.
     */
    private void apply() {
        Map<String, PrinterWatch.Reading> known = watch.latest();
        int drawn = 0;
        for (String name : pending.keySet()) {
            if (drawn++ == TILES_PER_FRAME) {
                frame.execute(this::apply);
                return;
            }
            PrinterWatch.Reading reading = pending.remove(name);
            if (reading == null) {
                continue;
            }
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
        return act(printer, action, json.createObjectNode());
    }

    /** An action with its own arguments: a heater and its target, the light on or off, the file to start. */
    public CompletableFuture<ToolRunner.Card> act(String printer, String action, ObjectNode more) {
        ObjectNode arguments = json.createObjectNode().put("printer", printer).put("action", action);
        arguments.setAll(more);
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

    /**
     * A file dropped on a printer's tile: sent as a job (its progress told to {@code progress}, on the UI thread), then,
     * once it is there, started through the runner, which asks a person first: starting heats and moves the printer.
     */
    public CompletableFuture<ToolRunner.Card> upload(String printer, Path file, DoubleConsumer progress) {
        String name = file.getFileName().toString();
        status.set("Sending " + name + " to " + printer + "… (Activity shows the job)");
        return uploader.upload(printer, file, fraction -> ui.execute(() -> progress.accept(fraction)))
                .handle((sent, failure) -> failure)
                .thenCompose(failure -> {
                    CompletableFuture<ToolRunner.Card> started = new CompletableFuture<>();
                    ui.execute(() -> {
                        if (failure != null) {
                            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                            status.set(name + " did not reach " + printer + ": " + cause.getMessage());
                            started.completeExceptionally(cause);
                            return;
                        }
                        act(printer, "start", json.createObjectNode().put("file", name)).whenComplete((card, refused) -> {
                            if (refused != null) {
                                started.completeExceptionally(refused);
                            } else {
                                started.complete(card);
                            }
                        });
                    });
                    return started;
                });
    }

    /** Sends a file to a printer as a job, telling its progress from 0 to 1; completes when it is there, or fails saying why. */
    @FunctionalInterface
    public interface Uploader {
        CompletableFuture<Void> upload(String printer, Path file, DoubleConsumer progress);
    }

    /**
     * The picture of each printer's camera, read with its readings while the area is shown (at most one read of a
     * camera at a time), decoded off the UI thread at tile width; empty for a printer without a camera.
     */
    public ObservableMap<String, Image> pictures() {
        return pictures;
    }

    /** Whether the area is on screen: the printers' cameras are read only then. */
    public void showing(boolean on) {
        showing = on;
    }

    private void look(PrinterWatch.Reading reading) {
        String name = reading.printer().name();
        if (!showing || looking.putIfAbsent(name, true) != null) {
            return;
        }
        background.execute(() -> {
            try {
                cameras.apply(reading.printer()).ifPresent(camera -> {
                    try {
                        Image image = new Image(new ByteArrayInputStream(camera.snapshot().image()), PrinterTile.WIDTH - 24, 0, true, true);
                        if (!image.isError()) {
                            frame.execute(() -> pictures.put(name, image));
                        }
                    } catch (CameraException e) {
                        // The tile keeps its last picture; the camera's own trouble is the Cameras area's to show.
                    }
                });
            } finally {
                looking.remove(name);
            }
        });
    }

    public ObservableList<PrinterWatch.Reading> printers() {
        return printers;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
