package jarvis.ui.cameras;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Cameras area: a grid of live tiles, each camera read at its own rate while the area is shown; a click opens a
 * camera large, Escape or Back returns to the grid; the last snapshot's outcome at the bottom.
 */
public final class CamerasView extends BorderPane {

    private final CamerasViewModel model;
    private final FlowPane tiles = new FlowPane(12, 12);
    private final Map<String, CameraTile> byName = new HashMap<>();
    private final Label empty = new Label("No cameras yet. Add one with ./jarvis cameras add NAME --url URL (a snapshot or MJPEG address; "
            + "--kind frigate, unifi, homeassistant or bambu for theirs); it appears here within seconds.");
    private final ScrollPane grid = new ScrollPane(tiles);
    private final BorderPane full = new BorderPane();

    public CamerasView(CamerasViewModel model) {
        this.model = model;
        setId("cameras-view");
        tiles.setId("camera-tiles");
        tiles.setPadding(new Insets(12));
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setPadding(new Insets(24));
        grid.setFitToWidth(true);
        setCenter(grid);
        Label status = new Label();
        status.setId("cameras-status");
        status.textProperty().bind(model.status());
        status.setPadding(new Insets(6, 12, 8, 12));
        setBottom(status);
        buildFullView();
        model.cameras().addListener((ListChangeListener<CamerasViewModel.Shown>) change -> sync());
        model.opened().addListener((seen, was, name) -> setCenter(name.isEmpty() ? grid : full));
        // Read the cameras only while the area is on screen.
        sceneProperty().addListener((seen, was, scene) -> {
            if (scene == null) {
                model.hidden();
            } else {
                model.showing();
            }
        });
        sync();
    }

    private void buildFullView() {
        full.setId("camera-full");
        ImageView picture = new ImageView();
        picture.setId("camera-full-picture");
        picture.setPreserveRatio(true);
        picture.imageProperty().bind(model.large());
        StackPane holder = new StackPane(picture);
        holder.setMinSize(0, 0);
        picture.fitWidthProperty().bind(holder.widthProperty().subtract(24));
        picture.fitHeightProperty().bind(holder.heightProperty().subtract(24));
        Button back = new Button("Back", FontIcon.of(Feather.ARROW_LEFT));
        back.setId("camera-full-back");
        back.setOnAction(e -> model.open(""));
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(model.opened());
        Button snapshot = new Button("Snapshot", FontIcon.of(Feather.CAMERA));
        snapshot.setId("camera-full-snapshot");
        snapshot.setOnAction(e -> model.snapshot(model.opened().get()));
        HBox bar = new HBox(12, back, title, snapshot);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12));
        full.setTop(bar);
        full.setCenter(holder);
        full.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                model.open("");
            }
        });
    }

    /** Each camera to its tile, tiles in the list's order, tiles of cameras gone taken away. */
    private void sync() {
        List<Node> order = new ArrayList<>();
        Map<String, CameraTile> kept = new HashMap<>();
        for (CamerasViewModel.Shown shown : model.cameras()) {
            String name = shown.camera().name();
            CameraTile tile = byName.computeIfAbsent(name, key -> new CameraTile(model));
            tile.show(shown);
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
