package jarvis.ui.voice;

import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.VoiceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;

/**
 * Push-to-talk for the chat: a hold of the key or the microphone button listens, its release transcribes, and the
 * words go to the chat. Idle, listening (with a level), transcribing (with the text so far); what went wrong is said.
 * A press stops a reply being spoken. Everything here runs on the UI thread; Whisper runs on its own.
 */
public final class TalkViewModel {

    public enum State { IDLE, LISTENING, TRANSCRIBING }

    /** The microphone and Whisper, as the app has them. */
    public interface Ears {
        /** Opens the microphone (it stays open for the pre-roll); called at the first press. */
        void open() throws VoiceException;

        boolean press();

        PushToTalk.Outcome release();

        /** The level while held, 0 to 1. */
        double level();

        /** Transcribes off the UI thread; {@code partial} hears the text so far (on any thread). */
        CompletableFuture<String> transcribe(float[] speech, Consumer<String> partial);
    }

    private final Ears ears;
    private final Runnable stopSpeaking;
    private final Consumer<String> heard;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper partial = new ReadOnlyStringWrapper("");
    private final BooleanProperty speakReplies = new SimpleBooleanProperty();
    private boolean open;
    /** The talk key is down (a press that may become a hold). */
    private boolean keyDown;
    private final PauseTransition firstHold = new PauseTransition(Duration.millis(300));

    /**
     * @param stopSpeaking stops a reply being spoken (a press means the person wants to talk)
     * @param heard        given what was said, on the UI thread: into the chat box, and sent unless it is to be reviewed
     */
    public TalkViewModel(Ears ears, Runnable stopSpeaking, Consumer<String> heard, Executor ui) {
        this.ears = ears;
        this.stopSpeaking = stopSpeaking;
        this.heard = heard;
        this.ui = ui;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The text heard so far while a long dictation is transcribed. */
    public ReadOnlyStringProperty partialProperty() {
        return partial.getReadOnlyProperty();
    }

    /** Whether replies are spoken; the switch beside the chat box. */
    public BooleanProperty speakRepliesProperty() {
        return speakReplies;
    }

    /**
     * The talk key went down. Before the microphone has ever opened, it opens only once the key has been held 300 ms: a
     * modifier pressed for a shortcut does not open it (nor, on macOS, ask for permission to).
     */
    public void pressKey() {
        if (keyDown) {
            return;
        }
        keyDown = true;
        if (open) {
            press();
            return;
        }
        firstHold.setOnFinished(e -> {
            if (keyDown) {
                press();
            }
        });
        firstHold.playFromStart();
    }

    /** The talk key came up. */
    public void releaseKey() {
        keyDown = false;
        firstHold.stop();
        release();
    }

    /** The microphone button went down, or the key was held: listen (a repeat while held changes nothing). */
    public void press() {
        stopSpeaking.run();
        if (state.get() != State.IDLE) {
            return;
        }
        // Opened at the first press; opened again when the line has ended since (a microphone unplugged).
        if ((!open || !ears.press()) && !(reopen() && ears.press())) {
            return;
        }
        message.set("");
        partial.set("");
        state.set(State.LISTENING);
    }

    private boolean reopen() {
        try {
            ears.open();
            open = true;
            return true;
        } catch (VoiceException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /** The key or the button came up: what was said is transcribed and handed on. */
    public void release() {
        if (state.get() != State.LISTENING) {
            return;
        }
        level.set(0);
        switch (ears.release()) {
            case PushToTalk.Outcome.Heard speech -> transcribe(speech.samples());
            case PushToTalk.Outcome.NoSignal none -> idle(none.message());
            case PushToTalk.Outcome.NothingHeard nothing -> idle("Nothing was heard: hold the key while you speak.");
            case PushToTalk.Outcome.TooShort tooShort -> idle("");
            case PushToTalk.Outcome.NotHeld notHeld -> idle("");
        }
    }

    /**
     * Another key, a click or a scroll came while the talk key was held (a shortcut), or the window lost focus: not talk.
     * What was heard is let go.
     */
    public void cancel() {
        keyDown = false;
        firstHold.stop();
        if (state.get() == State.LISTENING) {
            ears.release();
            idle("");
        }
    }

    /** Read once a frame while listening: the meter. */
    public void tick() {
        if (state.get() == State.LISTENING) {
            level.set(ears.level());
        }
    }

    private void transcribe(float[] speech) {
        state.set(State.TRANSCRIBING);
        CompletableFuture<String> words;
        try {
            words = ears.transcribe(speech, text -> ui.execute(() -> partial.set(text)));
        } catch (RuntimeException e) {
            idle("Whisper could not start: " + e.getMessage());
            return;
        }
        words.whenCompleteAsync((text, failure) -> {
            partial.set("");
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                idle(cause.getMessage());
            } else if (text.isBlank()) {
                idle("No words were heard in that.");
            } else {
                idle("");
                heard.accept(text);
            }
        }, ui);
    }

    private void idle(String said) {
        message.set(said);
        state.set(State.IDLE);
    }
}
