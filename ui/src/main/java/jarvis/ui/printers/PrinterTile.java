package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterStatus.State;
import jarvis.devices.printers.PrinterWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One printer's tile: its name and kind, what it is doing, the job with its progress and time left, each heater's
 * temperature and target with a chart of the last hour, and the actions its state allows. A printer that cannot be
 * read says why and when it was last seen.
 */
final class PrinterTile extends VBox {

    static final double WIDTH = 370;
    private static final String BASE_STYLE = "-fx-background-color: -color-bg-subtle; -fx-background-radius: 8; "
            + "-fx-border-color: -color-border-default; -fx-border-radius: 8;";
    private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    /** Nozzles first, then the bed and the chamber; a heater not listed here comes last. */
    private static final List<String> HEATER_ORDER = List.of("tool0", "tool1", "bed", "chamber");
    private static final Map<String, String> HEATER_NAMES = Map.of("tool0", "Nozzle", "tool1", "Nozzle 2", "bed", "Bed", "chamber", "Chamber");

    private final Label name = new Label();
    private final Label kind = new Label();
    private final Label state = new Label();
    private final Label job = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label timing = new Label();
    private final Label temperatures = new Label();
    private final TemperatureChart chart = new TemperatureChart(WIDTH - 24, 48);
    private final Label problem = new Label();
    private final Button pause = new Button("Pause", FontIcon.of(Feather.PAUSE));
    private final Button resume = new Button("Resume", FontIcon.of(Feather.PLAY));
    private final Button cancel = new Button("Cancel", FontIcon.of(Feather.X_SQUARE));
    private final Button home = new Button("Home", FontIcon.of(Feather.CROSSHAIR));
    private final Button heat = new Button("Heat", FontIcon.of(Feather.THERMOMETER));
    private final ContextMenu heaters = new ContextMenu();
    private final ToggleButton light = new ToggleButton("Light", FontIcon.of(Feather.SUN));
    private final ImageView picture = new ImageView();
    private final Label filament = new Label();
    private final Circle spool = new Circle(5);
    private final ProgressBar upload = new ProgressBar(0);
    private final PrintersViewModel model;
    private String printer = "";
    private PrinterWatch.Reading shown;

    PrinterTile(PrintersViewModel model) {
        this.model = model;
        getStyleClass().add("printer-tile");
        setSpacing(6);
        setPadding(new Insets(12));
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setStyle(BASE_STYLE);
        name.getStyleClass().add(Styles.TITLE_4);
        kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        state.getStyleClass().add("printer-state");
        HBox header = new HBox(6, name, kind, spacer, state);
        header.setAlignment(Pos.BASELINE_LEFT);
        job.getStyleClass().add(Styles.TEXT_SMALL);
        progress.setMaxWidth(Double.MAX_VALUE);
        timing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        temperatures.getStyleClass().add(Styles.TEXT_SMALL);
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.setWrapText(true);
        for (Button button : List.of(pause, resume, cancel, home)) {
            button.getStyleClass().addAll(Styles.SMALL);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setOnAction(event -> model.act(printer, button.getText().toLowerCase(Locale.ROOT)));
        }
        cancel.getStyleClass().add(Styles.DANGER);
        heat.getStyleClass().add(Styles.SMALL);
        heat.setMinWidth(Region.USE_PREF_SIZE);
        heaters.getItems().addAll(heater("Nozzle", "tool0", 215, "PLA"), heater("Nozzle", "tool0", 240, "PETG"), heater("Nozzle", "tool0", 0, ""),
                new SeparatorMenuItem(), heater("Bed", "bed", 60, "PLA"), heater("Bed", "bed", 80, "PETG"), heater("Bed", "bed", 0, ""));
        heat.setOnAction(event -> heaters.show(heat, Side.BOTTOM, 0, 0));
        light.getStyleClass().add(Styles.SMALL);
        light.setMinWidth(Region.USE_PREF_SIZE);
        // The button shows what the printer said; a click asks for the other and waits for the next reading to show it.
        light.setOnAction(event -> {
            boolean wanted = light.isSelected();
            light.setSelected(!wanted);
            model.act(printer, "light", new ObjectMapper().createObjectNode().put("on", wanted));
        });
        FlowPane actions = new FlowPane(6, 6, pause, resume, cancel, home, heat, light);
        picture.setFitWidth(WIDTH - 24);
        picture.setPreserveRatio(true);
        picture.setVisible(false);
        picture.setManaged(false);
        filament.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        upload.setMaxWidth(Double.MAX_VALUE);
        upload.setVisible(false);
        upload.setManaged(false);
        getChildren().addAll(picture, header, job, progress, timing, filament, temperatures, chart, problem, upload, actions);
        acceptDrops();
    }

    /** A heater's target as a menu item: "Nozzle 215 °C (PLA)", or "Nozzle off". */
    private MenuItem heater(String label, String heater, int celsius, String material) {
        MenuItem item = new MenuItem(label + (celsius == 0 ? " off" : " " + celsius + " °C (" + material + ")"));
        item.setOnAction(event -> model.act(printer, "set_temperature", new ObjectMapper().createObjectNode().put("heater", heater)
                .put("celsius", celsius)));
        return item;
    }

    /** A sliced file dropped on the tile is sent to the printer, its progress shown here, then started once a person says so. */
    private void acceptDrops() {
        setOnDragOver(event -> {
            if (printable(event.getDragboard()).isPresent()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragEntered(event -> {
            if (printable(event.getDragboard()).isPresent()) {
                setStyle(getStyle() + " -fx-border-color: -color-accent-emphasis; -fx-border-width: 2;");
            }
        });
        setOnDragExited(event -> setStyle(BASE_STYLE));
        setOnDragDropped(event -> {
            Optional<Path> file = printable(event.getDragboard());
            file.ifPresent(this::send);
            event.setDropCompleted(file.isPresent());
            event.consume();
        });
    }

    void send(Path file) {
        upload.setProgress(0);
        upload.setVisible(true);
        upload.setManaged(true);
        // The outcome comes on the UI thread.
        model.upload(printer, file, upload::setProgress).whenComplete((card, failure) -> {
            upload.setVisible(false);
            upload.setManaged(false);
        });
    }

    /**
     * The one file on the dragboard. Which kinds a printer takes is its driver's to say (Klipper and OctoPrint print
     * G-code, a Bambu a sliced 3MF or G-code): a file it will not take fails its job with the reason, in the status line.
     */
    static Optional<Path> printable(Dragboard board) {
        if (!board.hasFiles() || board.getFiles().size() != 1 || !board.getFiles().getFirst().isFile()) {
            return Optional.empty();
        }
        return Optional.of(board.getFiles().getFirst().toPath());
    }

    /** Shows a reading, replacing the last; the one already shown is not drawn again. */
    void show(PrinterWatch.Reading reading) {
        if (reading == shown) {
            return;
        }
        shown = reading;
        printer = reading.printer().name();
        String slug = printer.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        setId("printer-" + slug);
        for (ButtonBase button : List.of(pause, resume, cancel, home, heat, light)) {
            button.setId("printer-" + button.getText().toLowerCase(Locale.ROOT) + "-" + slug);
        }
        picture.setId("printer-picture-" + slug);
        upload.setId("printer-upload-" + slug);
        filament.setId("printer-filament-" + slug);
        state.setId("printer-state-" + slug);
        problem.setId("printer-problem-" + slug);
        name.setText(printer);
        kind.setText(reading.printer().kind().label());
        State now = reading.status().map(PrinterStatus::state).orElse(State.OFFLINE);
        state.setText(words(now));
        List<String> look = List.of("printer-state", Styles.TEXT_SMALL, switch (now) {
            case PRINTING -> Styles.SUCCESS;
            case PAUSED, BUSY -> Styles.WARNING;
            case ERROR -> Styles.DANGER;
            default -> Styles.TEXT_MUTED;
        });
        // Set only when it changes: a new style class list sends the label through CSS again at every reading.
        if (!state.getStyleClass().equals(look)) {
            state.getStyleClass().setAll(look);
        }
        var printing = reading.status().flatMap(PrinterStatus::job);
        job.setText(printing.map(PrinterStatus.Job::file).orElse(now == State.OFFLINE ? "" : "No job"));
        progress.setProgress(printing.map(PrinterStatus.Job::progress).orElse(0.0));
        progress.setVisible(printing.isPresent());
        progress.setManaged(printing.isPresent());
        timing.setText(printing.map(one -> Math.round(one.progress() * 100) + " % · " + span(one.printed()) + " printed"
                + one.left().map(left -> " · " + span(left) + " left").orElse("")
                + one.layers().map(layers -> " · layer " + layers.current() + " of " + layers.total()).orElse("")).orElse(""));
        timing.setVisible(printing.isPresent());
        timing.setManaged(printing.isPresent());
        temperatures.setText(reading.status().map(status -> status.temperatures().entrySet().stream()
                .sorted(Comparator.comparingInt(heater -> HEATER_ORDER.indexOf(heater.getKey()) & Integer.MAX_VALUE))
                .map(heater -> HEATER_NAMES.getOrDefault(heater.getKey(), heater.getKey()) + " " + degrees(heater.getValue().actual())
                        + (heater.getValue().target() > 0 ? " → " + degrees(heater.getValue().target()) : ""))
                .collect(Collectors.joining("   "))).orElse(""));
        chart.draw(reading.history());
        String why = reading.problem().orElse(now == State.OFFLINE ? reading.status().map(PrinterStatus::stateText).orElse("") : "");
        String seen = reading.lastSeen().map(at -> " Last seen " + SEEN.format(at) + ".").orElse(now == State.OFFLINE ? " Not seen yet." : "");
        problem.setText(why.isEmpty() && now != State.OFFLINE ? "" : why + seen);
        problem.setVisible(!problem.getText().isBlank());
        problem.setManaged(problem.isVisible());
        pause.setDisable(now != State.PRINTING);
        resume.setDisable(now != State.PAUSED);
        cancel.setDisable(now != State.PRINTING && now != State.PAUSED);
        home.setDisable(now != State.IDLE);
        heat.setDisable(now == State.OFFLINE);
        Optional<String> loaded = reading.status().flatMap(PrinterStatus::filament);
        filament.setText(loaded.map(what -> "Filament: " + what).orElse(""));
        Optional<Color> colour = loaded.flatMap(PrinterTile::colour);
        spool.setFill(colour.orElse(Color.TRANSPARENT));
        filament.setGraphic(colour.isPresent() ? spool : null);
        filament.setVisible(loaded.isPresent());
        filament.setManaged(loaded.isPresent());
        Optional<Boolean> lit = reading.status().flatMap(PrinterStatus::light);
        light.setSelected(lit.orElse(false));
        light.setVisible(lit.isPresent());
        light.setManaged(lit.isPresent());
    }

    /** The camera's latest picture, above the name; none hides the space. */
    void show(Image image) {
        picture.setImage(image);
        picture.setVisible(image != null);
        picture.setManaged(image != null);
    }

    /** The colour in a filament's description ("PLA, #F2754E"). */
    private static Optional<Color> colour(String filament) {
        int at = filament.indexOf('#');
        try {
            return at < 0 ? Optional.empty() : Optional.of(Color.web(filament.substring(at, Math.min(filament.length(), at + 7))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String words(State state) {
        return switch (state) {
            case OFFLINE -> "Offline";
            case IDLE -> "Idle";
            case PRINTING -> "Printing";
            case PAUSED -> "Paused";
            case BUSY -> "Busy";
            case ERROR -> "Error";
        };
    }

    private static String degrees(double celsius) {
        return Math.round(celsius) + " °C";
    }

    private static String span(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }
}
