package jarvis.ui.cameras;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One camera's tile: its latest picture (a click opens it large), its name and kind, when the picture came, why the
 * last read failed, and a snapshot button.
 */
final class CameraTile extends VBox {

    static final double PICTURE_HEIGHT = CamerasViewModel.TILE_WIDTH * 9 / 16;
    private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ImageView picture = new ImageView();
    private final Label waiting = new Label("Waiting for a picture…");
    private final Label name = new Label();
    private final Label kind = new Label();
    private final Label seen = new Label();
    private final Label problem = new Label();
    private final Button snapshot = new Button("Snapshot", FontIcon.of(Feather.CAMERA));
    private String camera = "";

    CameraTile(CamerasViewModel model) {
        getStyleClass().add("camera-tile");
        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(CamerasViewModel.TILE_WIDTH + 20);
        setMaxWidth(CamerasViewModel.TILE_WIDTH + 20);
        setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 8; -fx-border-color: -color-border-default; -fx-border-radius: 8;");
        picture.setFitWidth(CamerasViewModel.TILE_WIDTH);
        picture.setFitHeight(PICTURE_HEIGHT);
        picture.setPreserveRatio(true);
        waiting.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        StackPane frame = new StackPane(waiting, picture);
        frame.setMinSize(CamerasViewModel.TILE_WIDTH, PICTURE_HEIGHT);
        frame.setPrefSize(CamerasViewModel.TILE_WIDTH, PICTURE_HEIGHT);
        frame.setStyle("-fx-background-color: -color-bg-inset; -fx-background-radius: 4;");
        frame.setCursor(Cursor.HAND);
        frame.setOnMouseClicked(e -> model.open(camera));
        name.getStyleClass().add(Styles.TITLE_4);
        name.setMinWidth(Region.USE_PREF_SIZE);
        kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        seen.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.setWrapText(true);
        snapshot.getStyleClass().add(Styles.SMALL);
        snapshot.setOnAction(e -> model.snapshot(camera));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, name, kind, spacer, snapshot);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(frame, header, seen, problem);
    }

    void show(CamerasViewModel.Shown shown) {
        if (camera.isEmpty()) {
            camera = shown.camera().name();
            String slug = camera.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            setId("camera-" + slug);
            picture.setId("camera-picture-" + slug);
            snapshot.setId("camera-snapshot-" + slug);
            problem.setId("camera-problem-" + slug);
        }
        name.setText(camera);
        kind.setText(shown.camera().kind().label());
        shown.picture().ifPresent(picture::setImage);
        waiting.setText(shown.problem().isPresent() ? "No picture" : "Waiting for a picture…");
        waiting.setVisible(picture.getImage() == null);
        seen.setText(shown.lastSeen().map(at -> "Picture of " + SEEN.format(at) + ", every " + shown.camera().refresh().toMillis() / 1000.0 + " s")
                .orElse("No picture yet"));
        problem.setText(shown.problem().orElse(""));
        problem.setVisible(shown.problem().isPresent());
        problem.setManaged(shown.problem().isPresent());
    }
}
