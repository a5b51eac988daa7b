package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterStatus.State;
import jarvis.devices.printers.PrinterWatch;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One printer's tile: its name and kind, what it is doing, the job with its progress and time left, each heater's
 * temperature and target with a chart of the last hour, and the actions its state allows. A printer that cannot be
 * read says why and when it was last seen.
 */
final class PrinterTile extends VBox {

    static final double WIDTH = 370;
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
    private String printer = "";
    private PrinterWatch.Reading shown;

    PrinterTile(PrintersViewModel model) {
        getStyleClass().add("printer-tile");
        setSpacing(6);
        setPadding(new Insets(12));
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 8; -fx-border-color: -color-border-default; "
                + "-fx-border-radius: 8;");
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
        HBox actions = new HBox(6, pause, resume, cancel, home);
        getChildren().addAll(header, job, progress, timing, temperatures, chart, problem, actions);
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
        for (Button button : List.of(pause, resume, cancel, home)) {
            button.setId("printer-" + button.getText().toLowerCase(Locale.ROOT) + "-" + slug);
        }
        state.setId("printer-state-" + slug);
        problem.setId("printer-problem-" + slug);
        name.setText(printer);
        kind.setText(reading.printer().kind().label());
        State now = reading.status().map(PrinterStatus::state).orElse(State.OFFLINE);
        state.setText(words(now));
        state.getStyleClass().setAll("printer-state", Styles.TEXT_SMALL, switch (now) {
            case PRINTING -> Styles.SUCCESS;
            case PAUSED, BUSY -> Styles.WARNING;
            case ERROR -> Styles.DANGER;
            default -> Styles.TEXT_MUTED;
        });
        var printing = reading.status().flatMap(PrinterStatus::job);
        job.setText(printing.map(PrinterStatus.Job::file).orElse(now == State.OFFLINE ? "" : "No job"));
        progress.setProgress(printing.map(PrinterStatus.Job::progress).orElse(0.0));
        progress.setVisible(printing.isPresent());
        progress.setManaged(printing.isPresent());
        timing.setText(printing.map(one -> Math.round(one.progress() * 100) + " % · " + span(one.printed()) + " printed"
                + one.left().map(left -> " · " + span(left) + " left").orElse("")).orElse(""));
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
