package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.printers.PrinterWatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Printers area: a tile per printer, live, in name order, with the last action's outcome at the bottom; a
 * printer's tile is updated in place when its reading changes, never rebuilt.
 */
public final class PrintersView extends BorderPane {

    private final PrintersViewModel model;
    private final FlowPane tiles = new FlowPane(12, 12);
    private final Map<String, PrinterTile> byName = new HashMap<>();
    private final Label empty = new Label("No printers yet. Add one with ./jarvis printers add octoprint|moonraker|bambu NAME --url URL "
            + "(its key piped in); it appears here within seconds. Drop a .gcode, .bgcode or .3mf file on a printer to print it.");

    /** {@code review}: the failure watch's verdicts, opened from the bar at the bottom. */
    public PrintersView(PrintersViewModel model, WatchReviewViewModel review) {
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
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        WatchReview verdicts = new WatchReview(review, () -> setCenter(scroll));
        Button watch = new Button("Failure watch", FontIcon.of(Feather.EYE));
        watch.setId("printers-review");
        watch.getStyleClass().add(Styles.SMALL);
        watch.setOnAction(e -> {
            review.refresh();
            setCenter(verdicts);
        });
        HBox bar = new HBox(12, status, watch);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 8, 12));
        setBottom(bar);
        model.printers().addListener((ListChangeListener<PrinterWatch.Reading>) change -> sync());
        model.pictures().addListener((MapChangeListener<String, Image>) change -> {
            PrinterTile tile = byName.get(change.getKey());
            if (tile != null) {
                tile.show(change.getValueAdded());
            }
        });
        // The printers' cameras are read only while the area is on screen.
        sceneProperty().addListener((seen, was, scene) -> model.showing(scene != null));
        sync();
    }

    /**
     * What a file dropped on a printer's tile does: sent, its progress on the tile, then started once a person says so.
     * False when no tile is that printer's.
     */
    public boolean drop(String printer, Path file) {
        PrinterTile tile = byName.get(printer);
        if (tile == null) {
            return false;
        }
        tile.send(file);
        return true;
    }

    /** Each reading to its tile, tiles in the list's order, tiles of printers gone taken away. */
    private void sync() {
        List<Node> order = new ArrayList<>();
        Map<String, PrinterTile> kept = new HashMap<>();
        for (PrinterWatch.Reading reading : model.printers()) {
            String name = reading.printer().name();
            PrinterTile tile = byName.computeIfAbsent(name, key -> {
                PrinterTile made = new PrinterTile(model);
                made.show(model.pictures().get(key));
                return made;
            });
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
