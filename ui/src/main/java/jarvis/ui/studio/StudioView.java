package jarvis.ui.studio;

import atlantafx.base.theme.Styles;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Studio area: a toolbar (play, position, tempo, snap, zoom, loop, undo), the tracks with their controls on the
 * left and their clips on the timeline, and a line that says what happened. Space plays and stops; S splits at the
 * playhead; Cmd/Ctrl+D duplicates; Delete removes; Cmd/Ctrl+Z and Shift+Cmd/Ctrl+Z undo and redo; + and - zoom; Escape
 * cancels a drag. An audio file dropped anywhere on the window lands here, on a new track.
 */
public final class StudioView extends BorderPane {

    private final StudioViewModel model;
    private final TimelineView timeline;
    private final VBox headers = new VBox();
    private final Map<String, TrackHeader> headerOf = new HashMap<>();
    private final Label position = new Label();
    private final Label underruns = new Label();
    private final Button play = new Button();
    private final AnimationTimer frames;

    public StudioView(StudioViewModel model) {
        this.model = model;
        this.timeline = new TimelineView(model);
        setId("studio-view");
        getStyleClass().add("studio-view");
        setTop(toolbar());
        Region corner = new Region();
        corner.setMinHeight(TimelineView.RULER);
        corner.setPrefHeight(TimelineView.RULER);
        VBox left = new VBox(corner, headers);
        left.setMinWidth(230);
        left.setPrefWidth(230);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        HBox body = new HBox(left, timeline);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setId("studio-scroll");
        Label empty = new Label("Drop audio files here (WAV, AIFF, MP3, Ogg, FLAC, M4A): each lands on a track of its own.");
        empty.setId("studio-empty");
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        empty.visibleProperty().bind(model.stateProperty().isEqualTo(StudioViewModel.State.EMPTY));
        setCenter(new StackPane(scroll, empty));
        setBottom(new VBox(composeLine(), statusLine()));
        model.projectProperty().addListener((seen, was, now) -> showTracks(now));
        showTracks(model.project());
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        };
        sceneProperty().addListener((seen, was, scene) -> {
            if (scene == null) {
                frames.stop();
            } else {
                frames.start();
            }
        });
    }

    private ToolBar toolbar() {
        play.setId("studio-play");
        play.setGraphic(FontIcon.of(Feather.PLAY));
        play.setTooltip(new Tooltip("Play or stop (Space)"));
        play.setOnAction(e -> model.playOrStop());
        model.playingProperty().addListener((seen, was, on) -> {
            play.setGraphic(FontIcon.of(on ? Feather.SQUARE : Feather.PLAY));
            play.setText(on ? "Stop" : "Play");
        });
        play.setText("Play");
        play.setMinWidth(Region.USE_PREF_SIZE);
        Button toStart = iconButton(Feather.SKIP_BACK, "To the start", "studio-to-start");
        toStart.setOnAction(e -> {
            model.seek(model.project().activeLoop().map(Project.Loop::start).orElse(0L));
            timeline.drawPlayhead();
        });
        position.setId("studio-position");
        position.setMinWidth(150);
        position.getStyleClass().add(Styles.TEXT_BOLD);
        Spinner<Double> tempo = new Spinner<>(20.0, 400.0, model.project().timing().bpm(), 1.0);
        tempo.setId("studio-tempo");
        tempo.setEditable(true);
        tempo.setPrefWidth(90);
        tempo.setTooltip(new Tooltip("Tempo, beats a minute"));
        tempo.valueProperty().addListener((seen, was, bpm) -> {
            if (bpm != null && bpm != model.project().timing().bpm()) {
                model.perform(new Edit.SetTempo(bpm));
            }
        });
        model.projectProperty().addListener((seen, was, now) -> tempo.getValueFactory().setValue(now.timing().bpm()));
        ChoiceBox<TimelineView.Snap> snap = new ChoiceBox<>();
        snap.setId("studio-snap");
        snap.getItems().setAll(TimelineView.Snap.values());
        snap.setValue(timeline.snap());
        snap.setTooltip(new Tooltip("What moves and trims snap to"));
        snap.setPrefWidth(110);
        snap.valueProperty().addListener((seen, was, chosen) -> timeline.snap(chosen));
        Button zoomIn = iconButton(Feather.ZOOM_IN, "Zoom in (+)", "studio-zoom-in");
        zoomIn.setOnAction(e -> timeline.zoom(1.5, timeline.getWidth() / 2));
        Button zoomOut = iconButton(Feather.ZOOM_OUT, "Zoom out (-)", "studio-zoom-out");
        zoomOut.setOnAction(e -> timeline.zoom(1 / 1.5, timeline.getWidth() / 2));
        Button fit = iconButton(Feather.MAXIMIZE_2, "Show the whole project", "studio-fit");
        fit.setOnAction(e -> timeline.fit());
        ToggleButton loop = new ToggleButton(null, FontIcon.of(Feather.REPEAT));
        loop.setId("studio-loop");
        loop.getStyleClass().add(Styles.BUTTON_ICON);
        loop.setTooltip(new Tooltip("Loop on or off (L); shift-drag on the ruler sets the region, a shift-click clears it"));
        loop.setSelected(model.project().activeLoop().isPresent());
        loop.setDisable(model.project().loop().isEmpty());
        model.projectProperty().addListener((seen, was, now) -> {
            loop.setSelected(now.activeLoop().isPresent());
            loop.setDisable(now.loop().isEmpty());
        });
        loop.setOnAction(e -> model.perform(new Edit.TurnLoop(loop.isSelected())));
        Button split = iconButton(Feather.SCISSORS, "Split at the playhead (S)", "studio-split");
        split.setOnAction(e -> model.splitAtPlayhead());
        Button mixdown = iconButton(Feather.DOWNLOAD, "Mix down to a 24-bit WAV, kept in the artifact store", "studio-mixdown");
        mixdown.setOnAction(e -> model.mixdown());
        Button undo = iconButton(Feather.CORNER_UP_LEFT, "Undo (Cmd/Ctrl+Z)", "studio-undo");
        undo.setOnAction(e -> model.undo());
        Button redo = iconButton(Feather.CORNER_UP_RIGHT, "Redo (Shift+Cmd/Ctrl+Z)", "studio-redo");
        redo.setOnAction(e -> model.redo());
        model.projectProperty().addListener((seen, was, now) -> {
            undo.setDisable(!model.history().canUndo());
            redo.setDisable(!model.history().canRedo());
            undo.setTooltip(new Tooltip(model.history().undoLabel().map(l -> "Undo " + l).orElse("Nothing to undo") + " (Cmd/Ctrl+Z)"));
        });
        undo.setDisable(true);
        redo.setDisable(true);
        return new ToolBar(projectMenu(), new Separator(Orientation.VERTICAL), toStart, play, position, new Separator(Orientation.VERTICAL), bpmLabel(),
                tempo, snap, new Separator(Orientation.VERTICAL), zoomOut, zoomIn, fit, loop, split, new Separator(Orientation.VERTICAL), undo, redo,
                new Separator(Orientation.VERTICAL), mixdown);
    }

    /** The project's name, opening a menu of the other projects and a new one. */
    private MenuButton projectMenu() {
        MenuButton title = new MenuButton();
        title.setId("studio-project");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.setMaxWidth(260);
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.project().name(), model.projectProperty()));
        Runnable fill = () -> {
            List<MenuItem> items = new ArrayList<>();
            for (String name : model.projectNames()) {
                MenuItem open = new MenuItem(name);
                open.setDisable(name.equals(model.project().name()));
                open.setOnAction(e -> model.openProject(name));
                items.add(open);
            }
            MenuItem fresh = new MenuItem("New project…");
            fresh.setId("studio-new-project");
            fresh.setOnAction(e -> askForNewProject());
            items.add(new SeparatorMenuItem());
            items.add(fresh);
            title.getItems().setAll(items);
        };
        model.projectNames().addListener((javafx.collections.ListChangeListener<String>) change -> fill.run());
        model.projectProperty().addListener((seen, was, now) -> fill.run());
        fill.run();
        return title;
    }

    private void askForNewProject() {
        TextInputDialog ask = new TextInputDialog();
        ask.setTitle("New project");
        ask.setHeaderText("A name for the new project");
        ask.getEditor().setId("studio-new-project-name");
        if (getScene() != null) {
            ask.initOwner(getScene().getWindow());
        }
        ask.showAndWait().ifPresent(model::openProject);
    }

    /** A line to describe a part in words; it lands on a new track. */
    private HBox composeLine() {
        TextField describe = new TextField();
        describe.setId("studio-compose");
        describe.setPromptText("Describe a part for a new track: a four-bar lo-fi drum loop at 85 bpm");
        Button write = new Button("Write", FontIcon.of(Feather.MUSIC));
        write.setId("studio-compose-write");
        write.setTooltip(new Tooltip("The local model writes the part, General MIDI plays it (Activity shows it, and can cancel)"));
        Runnable go = () -> {
            model.compose(describe.getText());
            if (!describe.getText().isBlank()) {
                describe.clear();
            }
        };
        write.setOnAction(e -> go.run());
        describe.setOnAction(e -> go.run());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("studio-composing");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.composingProperty().greaterThan(0));
        busy.managedProperty().bind(busy.visibleProperty());
        HBox.setHgrow(describe, Priority.ALWAYS);
        HBox line = new HBox(8, describe, busy, write);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 10, 0, 10));
        return line;
    }

    private HBox statusLine() {
        Label message = new Label();
        message.setId("studio-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        ProgressBar importing = new ProgressBar();
        importing.setId("studio-importing");
        importing.setPrefWidth(140);
        importing.progressProperty().bind(model.importProgressProperty());
        importing.visibleProperty().bind(model.importingProperty().greaterThan(0));
        importing.managedProperty().bind(importing.visibleProperty());
        underruns.setId("studio-underruns");
        underruns.getStyleClass().add(Styles.TEXT_SMALL);
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox line = new HBox(10, importing, message, underruns);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 10, 4, 10));
        return line;
    }

    private static Label bpmLabel() {
        Label bpm = new Label("BPM");
        bpm.setMinWidth(Region.USE_PREF_SIZE);
        return bpm;
    }

    private static Button iconButton(Feather icon, String tip, String id) {
        Button button = new Button(null, FontIcon.of(icon));
        button.getStyleClass().add(Styles.BUTTON_ICON);
        button.setTooltip(new Tooltip(tip));
        button.setId(id);
        return button;
    }

    /** Keeps one header per track, in the project's order, each showing its track as it is now. */
    private void showTracks(Project project) {
        List<TrackHeader> ordered = new ArrayList<>();
        for (Track track : project.tracks()) {
            TrackHeader header = headerOf.computeIfAbsent(track.id(), id -> new TrackHeader(model, track));
            header.show(track);
            ordered.add(header);
        }
        headerOf.keySet().retainAll(project.tracks().stream().map(Track::id).toList());
        if (!headers.getChildren().equals(ordered)) {
            headers.getChildren().setAll(ordered);
        }
        timeline.requestLayout();
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        boolean shortcut = e.isShortcutDown();
        KeyCode code = e.getCode();
        if (code == KeyCode.SPACE) {
            model.playOrStop();
        } else if (code == KeyCode.Z && shortcut) {
            if (e.isShiftDown()) {
                model.redo();
            } else {
                model.undo();
            }
        } else if (code == KeyCode.D && shortcut) {
            model.duplicateSelected();
        } else if (code == KeyCode.L && !shortcut && model.project().loop().isPresent()) {
            model.perform(new Edit.TurnLoop(model.project().activeLoop().isEmpty()));
        } else if (code == KeyCode.S && !shortcut) {
            model.splitAtPlayhead();
        } else if (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) {
            model.deleteSelected();
        } else if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
            timeline.zoom(1.5, timeline.getWidth() / 2);
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            timeline.zoom(1 / 1.5, timeline.getWidth() / 2);
        } else if (code == KeyCode.ESCAPE) {
            if (!timeline.cancelDrag()) {
                model.select(null);
            }
        } else {
            return;
        }
        e.consume();
    }

    /** Once a frame: the playhead, the position, the meters, the underruns. */
    private void frame() {
        long at = model.playhead();
        var timing = model.project().timing();
        position.setText(timing.barsAndBeats(at) + "   " + timing.clock(at));
        if (model.playingProperty().get()) {
            timeline.keepInView(at);
        }
        timeline.drawPlayhead();
        float[] meters = model.meters();
        List<Track> tracks = model.project().tracks();
        for (int t = 0; t < tracks.size(); t++) {
            TrackHeader header = headerOf.get(tracks.get(t).id());
            if (header != null) {
                header.level(t < meters.length ? meters[t] : 0);
            }
        }
        long gaps = model.underruns();
        underruns.setText(gaps == 0 ? "" : String.format(Locale.ROOT, "%d underrun%s", gaps, gaps == 1 ? "" : "s"));
    }
}
