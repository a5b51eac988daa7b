package jarvis.ui.shell;

import atlantafx.base.theme.Styles;
import jarvis.ui.fx.FxExecutor;
import jarvis.ui.theme.Themes;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's content: the navigation rail, the open area, a message banner and the status bar. The whole
 * window takes dropped files and hands them to the {@link DropRouter}.
 */
public final class MainWindow {

    private final Map<Area, Supplier<Node>> areas;
    private final Map<Area, Node> built = new EnumMap<>(Area.class);
    private final Map<Area, ToggleButton> railButtons = new EnumMap<>(Area.class);
    private final StackPane content = new StackPane();
    private final Label banner = new Label();
    private final HBox bannerBox;
    private final DropRouter dropRouter;
    private final Consumer<String> noticeSink;
    private final ReadOnlyObjectWrapper<Area> selected = new ReadOnlyObjectWrapper<>();
    private final Scene scene;

    /**
     * @param areas      the areas that work, each with the maker of its view (called when first opened, which keeps
     *                   start-up short); the rail shows only these
     * @param noticeSink where refused drops are also reported (Activity)
     */
    public MainWindow(Map<Area, Supplier<Node>> areas, StatusBar statusBar, DropRouter dropRouter, Consumer<String> noticeSink) {
        this.areas = new EnumMap<>(areas);
        this.dropRouter = dropRouter;
        this.noticeSink = noticeSink;

        banner.setId("banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(banner, Priority.ALWAYS);
        Button dismiss = new Button(null, FontIcon.of(Feather.X));
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        dismiss.setOnAction(e -> hideBanner());
        bannerBox = new HBox(8, FontIcon.of(Feather.ALERT_TRIANGLE), banner, dismiss);
        bannerBox.setAlignment(Pos.CENTER_LEFT);
        bannerBox.setPadding(new Insets(8, 12, 8, 12));
        bannerBox.getStyleClass().add("banner");
        bannerBox.setStyle("-fx-background-color: -color-warning-subtle; -fx-border-color: -color-warning-muted; -fx-border-width: 0 0 1 0;");
        hideBanner();

        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.setLeft(rail());
        root.setCenter(new VBox(bannerBox, content));
        VBox.setVgrow(content, Priority.ALWAYS);
        root.setBottom(statusBar);
        installDrop(root);

        scene = new Scene(root);
        installShortcuts();
        select(areas.containsKey(Area.CHAT) ? Area.CHAT : this.areas.keySet().iterator().next());
    }

    /**
     * Loads what the first frame needs and the services do not decide, the theme for the computer's light or dark
     * choice and the icon font, so that a start can do it on the FX thread while the services are still being built.
     */
    public static void preload() {
        Themes.preload();
        FontIcon.of(Feather.X);
    }

    private Parent rail() {
        VBox rail = new VBox(4);
        rail.setId("navigation-rail");
        rail.setPadding(new Insets(8));
        rail.setAlignment(Pos.TOP_CENTER);
        rail.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-muted; -fx-border-width: 0 1 0 0;");
        ToggleGroup group = new ToggleGroup();
        for (Area area : Area.values()) {
            if (!areas.containsKey(area)) {
                continue;
            }
            ToggleButton button = new ToggleButton(area.title(), FontIcon.of(area.icon(), 20));
            button.setId("rail-" + area.name().toLowerCase());
            button.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
            button.setToggleGroup(group);
            button.getStyleClass().add(Styles.FLAT);
            button.setPrefWidth(92);
            button.setMinWidth(92);
            button.setTooltip(new Tooltip(area.title() + " (" + shortcutText(area) + ")"));
            button.setOnAction(e -> select(area));
            railButtons.put(area, button);
            rail.getChildren().add(button);
        }
        return rail;
    }

    private static String shortcutText(Area area) {
        String modifier = System.getProperty("os.name", "").toLowerCase().contains("mac") ? "⌘" : "Ctrl+";
        return area == Area.SETTINGS ? modifier + area.shortcutDigit() + " or " + modifier + "," : modifier + area.shortcutDigit();
    }

    /**
     * Cmd/Ctrl+1…8 and Cmd/Ctrl+, open the areas. The switch waits for the key's handling to end: an area's own
     * shortcuts leave the scene with it, and the scene's shortcuts cannot change while one of them runs.
     */
    private void installShortcuts() {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8};
        for (Area area : Area.values()) {
            scene.getAccelerators().put(new KeyCodeCombination(digits[area.ordinal()], KeyCombination.SHORTCUT_DOWN),
                    () -> FxExecutor.later(() -> select(area)));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                () -> FxExecutor.later(() -> select(Area.SETTINGS)));
    }

    private void installDrop(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, event -> {
            boolean hasFiles = event.getDragboard().hasFiles();
            if (hasFiles) {
                acceptFiles(event.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            event.setDropCompleted(hasFiles);
            event.consume();
        });
    }

    /** Routes dropped files; what no area takes is named in the banner and in Activity. */
    public DropRouter.Outcome acceptFiles(List<Path> files) {
        DropRouter.Outcome outcome = dropRouter.route(files);
        if (!outcome.allOpened()) {
            showMessage(outcome.message());
            noticeSink.accept(outcome.message());
        }
        outcome.opened().keySet().stream().findFirst().ifPresent(this::select);
        return outcome;
    }

    /** Opens an area; one that does not work yet is explained instead of opened. */
    public void select(Area area) {
        Supplier<Node> maker = areas.get(area);
        if (maker == null) {
            showMessage(area.title() + " is not part of this version of Jarvis yet.");
            return;
        }
        content.getChildren().setAll(built.computeIfAbsent(area, a -> maker.get()));
        railButtons.get(area).setSelected(true);
        selected.set(area);
    }

    public ReadOnlyObjectProperty<Area> selectedArea() {
        return selected.getReadOnlyProperty();
    }

    public void showMessage(String message) {
        banner.setText(message);
        bannerBox.setVisible(true);
        bannerBox.setManaged(true);
    }

    private void hideBanner() {
        banner.setText("");
        bannerBox.setVisible(false);
        bannerBox.setManaged(false);
    }

    public Scene scene() {
        return scene;
    }
}
