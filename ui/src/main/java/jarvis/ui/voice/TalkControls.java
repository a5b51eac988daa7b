package jarvis.ui.voice;

import atlantafx.base.theme.Styles;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Push-to-talk's controls for beside the chat box: the microphone button (hold to talk) with its level while
 * listening and the switch that speaks replies; and, for above the box, a line saying what is happening or what went
 * wrong.
 */
public final class TalkControls {

    private TalkControls() {}

    /** The microphone button, its meter, and the reply switch. */
    public static VBox buttons(TalkViewModel model, String keyName) {
        Button microphone = new Button(null, FontIcon.of(Feather.MIC));
        microphone.setId("talk");
        microphone.getStyleClass().add(Styles.BUTTON_ICON);
        microphone.setTooltip(new Tooltip("Hold to talk (or hold " + keyName + "); let go to send what you said"));
        microphone.setFocusTraversable(false);
        microphone.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                model.press();
            }
        });
        microphone.setOnMouseReleased(e -> model.release());
        model.stateProperty().addListener((seen, was, now) -> {
            microphone.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            if (now == TalkViewModel.State.LISTENING) {
                microphone.getStyleClass().add(Styles.DANGER);
            } else if (now == TalkViewModel.State.TRANSCRIBING) {
                microphone.getStyleClass().add(Styles.ACCENT);
            }
        });
        ToggleButton speak = new ToggleButton(null, FontIcon.of(Feather.VOLUME_2));
        speak.setId("speak-replies");
        speak.getStyleClass().add(Styles.BUTTON_ICON);
        speak.setTooltip(new Tooltip("Speak replies as they are written"));
        speak.setFocusTraversable(false);
        speak.selectedProperty().bindBidirectional(model.speakRepliesProperty());
        ProgressBar level = new ProgressBar(0);
        level.setId("talk-level");
        level.setPrefWidth(72);
        level.setMaxHeight(6);
        level.progressProperty().bind(model.levelProperty().multiply(4));
        level.visibleProperty().bind(model.stateProperty().isEqualTo(TalkViewModel.State.LISTENING));
        HBox buttons = new HBox(4, microphone, speak);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox column = new VBox(4, level, buttons);
        column.setId("talk-controls");
        column.setAlignment(Pos.BOTTOM_RIGHT);
        column.setMinWidth(Region.USE_PREF_SIZE);
        AnimationTimer meter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.tick();
            }
        };
        // A frame's look at the level only while listening: otherwise the window is left to idle.
        model.stateProperty().addListener((seen, was, now) -> {
            if (now == TalkViewModel.State.LISTENING) {
                meter.start();
            } else {
                meter.stop();
            }
        });
        return column;
    }

    /** "Listening…", "Transcribing…" with the text so far, or what went wrong; hidden when there is nothing to say. */
    public static Label status(TalkViewModel model) {
        Label status = new Label();
        status.setId("talk-status");
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.setWrapText(true);
        status.setMinWidth(0);
        status.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stateProperty().get()) {
            case LISTENING -> "Listening…";
            case TRANSCRIBING -> model.partialProperty().get().isEmpty() ? "Transcribing…" : model.partialProperty().get() + " …";
            case IDLE -> model.messageProperty().get();
        }, model.stateProperty(), model.partialProperty(), model.messageProperty()));
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        return status;
    }
}
