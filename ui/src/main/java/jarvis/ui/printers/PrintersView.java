package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.printers.PrinterWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * The Printers area: a tile per printer, live, in name order, with the last action's outcome at the bottom; a
 * printer's tile is updated in place when its reading changes, never rebuilt.
 */
public final class PrintersView extends BorderPane {

    private final PrintersViewModel model;
    private final FlowPane tiles = new FlowPane(12, 12);
    private final Map<String, PrinterTile> byName = new HashMap<>();
    private final Label empty = new Label("No printers yet. Add one with ./jarvis printers add octoprint|moonraker NAME --url URL "
            + "(its key piped in); it appears here within seconds.");

    public PrintersView(PrintersViewModel model) {
        this.model = model;
        setId("printers-view");
        tiles.setId("printer-tiles");
        tiles.setPadding(new Insets(12));
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setPadding(new Insets(24));
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Label status = new Label();
        status.setId("printers-status");
        status.textProperty().bind(model.status());
        status.setPadding(new Insets(6, 12, 8, 12));
        setBottom(status);
        model.printers().addListener((ListChangeListener<PrinterWatch.Reading>) change -> sync());
        sync();
    }

    /** Each reading to its tile, tiles in the list's order, tiles of printers gone taken away. */
    private void sync() {
        List<Node> order = new ArrayList<>();
        Map<String, PrinterTile> kept = new HashMap<>();
        for (PrinterWatch.Reading reading : model.printers()) {
            String name = reading.printer().name();
            PrinterTile tile = byName.computeIfAbsent(name, key -> new PrinterTile(model));
            tile.show(reading);
            kept.put(name, tile);
            order.add(tile);
        }
        byName.keySet().retainAll(kept.keySet());
        if (order.isEmpty()) {
            order.add(empty);
        }
        if (!tiles.getChildren().equals(order)) {
            tiles.getChildren().setAll(order);
        }
    }
}
