package jarvis.ui.studio;

import atlantafx.base.theme.Styles;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.History;
import jarvis.audio.timeline.Track;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A track's controls beside its lane: name, mute, solo, volume, pan, and its level meter. Each change is an edit (a
 * slider's drag one step); a new project only sets the controls, without making edits of its own.
 */
final class TrackHeader extends VBox {

    private final StudioViewModel model;
    private final String trackId;
    private final TextField name = new TextField();
    private final ToggleButton mute = new ToggleButton("M");
    private final ToggleButton solo = new ToggleButton("S");
    private final Slider volume = new Slider(Track.SILENT_DB, Track.LOUDEST_DB, 0);
    private final Slider pan = new Slider(-1, 1, 0);
    private final Label volumeText = new Label();
    private final Canvas meter = new Canvas(150, 5);
    /** Set while the controls are being set from the project, so that setting them makes no edits. */
    private boolean showing;

    TrackHeader(StudioViewModel model, Track track) {
        this.model = model;
        this.trackId = track.id();
        getStyleClass().add("studio-track-header");
        setId("studio-track-" + track.id());
        setPrefSize(230, TimelineView.LANE);
        setMinHeight(TimelineView.LANE);
        setMaxHeight(TimelineView.LANE);
        setPadding(new Insets(4, 6, 4, 6));
        setStyle("-fx-border-color: transparent transparent -color-border-muted transparent;");
        setSpacing(2);
        name.getStyleClass().add(Styles.SMALL);
        name.setOnAction(e -> rename());
        name.focusedProperty().addListener((seen, was, focused) -> {
            if (!focused) {
                rename();
            }
        });
        mute.getStyleClass().addAll(Styles.SMALL, "studio-mute");
        // Never squeezed to "…" by the name beside them.
        mute.setMinWidth(Region.USE_PREF_SIZE);
        solo.setMinWidth(Region.USE_PREF_SIZE);
        mute.setTooltip(new Tooltip("Mute this track"));
        mute.selectedProperty().addListener((seen, was, on) -> edit(new Edit.SetMute(trackId, on)));
        solo.getStyleClass().addAll(Styles.SMALL, "studio-solo");
        solo.setTooltip(new Tooltip("Solo: hear only the soloed tracks"));
        solo.selectedProperty().addListener((seen, was, on) -> edit(new Edit.SetSolo(trackId, on)));
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox top = new HBox(4, name, mute, solo);
        top.setAlignment(Pos.CENTER_LEFT);
        volume.setTooltip(new Tooltip("Volume"));
        pan.setTooltip(new Tooltip("Pan: left to right"));
        pan.setPrefWidth(60);
        volumeText.getStyleClass().add(Styles.TEXT_SMALL);
        volumeText.setMinWidth(52);
        drag(volume, db -> new Edit.SetVolume(trackId, db));
        drag(pan, where -> new Edit.SetPan(trackId, Math.abs(where) < 0.04 ? 0 : where));
        HBox.setHgrow(volume, Priority.ALWAYS);
        HBox sliders = new HBox(4, volume, volumeText, pan);
        sliders.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, sliders, meter);
        show(track);
    }

    String trackId() {
        return trackId;
    }

    /** Sets the controls to the track as it is now. */
    void show(Track track) {
        showing = true;
        try {
            if (!name.isFocused()) {
                name.setText(track.name());
            }
            mute.setSelected(track.mute());
            solo.setSelected(track.solo());
            if (!volume.isValueChanging()) {
                volume.setValue(track.volumeDb());
            }
            if (!pan.isValueChanging()) {
                pan.setValue(track.pan());
            }
            volumeText.setText(track.volumeDb() <= Track.SILENT_DB ? "-∞ dB" : String.format(Locale.ROOT, "%+.1f dB", track.volumeDb()));
        } finally {
            showing = false;
        }
    }

    /** The meter: the loudest sample of the last block, on a scale of -60 to 0 dB, red when it would clip. */
    void level(float peak) {
        GraphicsContext g = meter.getGraphicsContext2D();
        double w = meter.getWidth();
        g.setFill(Color.web("#30353c"));
        g.fillRect(0, 0, w, meter.getHeight());
        double db = peak <= 0 ? -60 : 20 * Math.log10(peak);
        double filled = Math.clamp((db + 60) / 60, 0, 1) * w;
        g.setFill(peak >= 1 ? Color.web("#ff4f4f") : db > -6 ? Color.web("#e6c84f") : Color.web("#5bd17a"));
        g.fillRect(0, 0, filled, meter.getHeight());
    }

    private void rename() {
        String text = name.getText().strip();
        if (!text.isEmpty() && model.project().track(trackId).map(t -> !t.name().equals(text)).orElse(false)) {
            edit(new Edit.RenameTrack(trackId, text));
        }
    }

    private void edit(Edit edit) {
        if (!showing) {
            model.perform(edit);
        }
    }

    /** A slider whose drag is one undoable step, and whose click or key press is one too. */
    private void drag(Slider slider, DoubleFunction<Edit> edit) {
        History.Gesture[] gesture = new History.Gesture[1];
        slider.valueChangingProperty().addListener((seen, was, changing) -> {
            if (showing) {
                return;
            }
            if (changing) {
                gesture[0] = model.history().begin();
            } else if (gesture[0] != null) {
                gesture[0].commit();
                gesture[0] = null;
            }
        });
        slider.valueProperty().addListener((seen, was, value) -> {
            if (showing) {
                return;
            }
            if (gesture[0] != null) {
                gesture[0].update(edit.apply(value.doubleValue()));
            } else {
                edit(edit.apply(value.doubleValue()));
            }
        });
    }
}
