package jarvis.app.desktop;

import jarvis.app.Core;
import jarvis.app.Voice;
import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.VoiceException;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.ui.chat.ChatView;
import jarvis.ui.chat.ChatViewModel;
import jarvis.ui.voice.MicrophoneEars;
import jarvis.ui.voice.SpeechModelsSection;
import jarvis.ui.voice.SpokenReplies;
import jarvis.ui.voice.TalkControls;
import jarvis.ui.voice.TalkViewModel;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Window;
import org.slf4j.LoggerFactory;

/**
 * The voice in the window: push-to-talk on a held key (anywhere in the window) and on the chat's microphone button,
 * the words sent to the chat, and replies spoken when the switch beside the chat box is on.
 */
final class VoiceDesk implements AutoCloseable {

    private final Core core;
    private final TalkViewModel talk;
    private final SpokenReplies replies;
    private final PushToTalk microphone;
    private Scene listening;
    private String warnedOf = "";

    VoiceDesk(Core core, ChatViewModel chat, Executor fx) {
        this.core = core;
        Voice voice = core.voice();
        this.microphone = voice.pushToTalk();
        this.replies = new SpokenReplies(voice::speaker, () -> core.settings().get(SettingsSchema.VOICE_SPEAK),
                said -> core.bus().publish(Notice.warning("voice", said)));
        MicrophoneEars ears = new MicrophoneEars(microphone, (speech, partial) -> voice.transcribe(speech, Optional.empty(), partial, () -> false)
                .text(), core.background(), () -> core.background().execute(() -> {
                    // The model loads while the person speaks: the first answer does not wait for it.
                    try {
                        voice.transcriber(Optional.empty());
                    } catch (VoiceException e) {
                        // Said when the first transcription asks for it.
                    }
                }));
        this.talk = new TalkViewModel(ears, replies::stop,
                text -> chat.said(text, core.settings().get(SettingsSchema.VOICE_REVIEW)), fx);
        talk.speakRepliesProperty().set(core.settings().get(SettingsSchema.VOICE_SPEAK));
        talk.speakRepliesProperty().addListener((seen, was, on) -> {
            if (!on) {
                replies.stop();
            }
            try {
                core.settings().set(SettingsSchema.VOICE_SPEAK.name(), Boolean.toString(on));
            } catch (InvalidSettingException e) {
                LoggerFactory.getLogger(VoiceDesk.class).warn("Speaking replies was not saved: {}", e.getMessage());
            }
        });
        chat.speakWith(replies);
    }

    /** The key held to talk: the setting's, else Option on macOS and Ctrl elsewhere. */
    KeyCode key() {
        String named = core.settings().get(SettingsSchema.VOICE_KEY).strip().toUpperCase(Locale.ROOT);
        if (!named.isEmpty()) {
            try {
                return KeyCode.valueOf(named);
            } catch (IllegalArgumentException e) {
                if (!named.equals(warnedOf)) {
                    warnedOf = named;
                    LoggerFactory.getLogger(VoiceDesk.class).warn("The push-to-talk key {} is not a key JavaFX knows; the default is used", named);
                }
            }
        }
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? KeyCode.ALT : KeyCode.CONTROL;
    }

    /** The microphone button and the reply switch beside the chat box; the key, in the window the chat is in. */
    void attach(ChatView view) {
        view.besideInput(TalkControls.buttons(talk, key().getName()), TalkControls.status(talk));
        view.sceneProperty().addListener((seen, was, scene) -> {
            if (scene != null && listening == null) {
                listening = scene;
                listenTo(scene);
            }
        });
    }

    /**
     * The key, anywhere in the window: held, it listens; let go, it sends. Another key pressed while it is held makes
     * a shortcut (Ctrl+C), not talk; the window losing focus ends a hold.
     */
    private void listenTo(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == key()) {
                talk.pressKey();
            } else {
                talk.cancel();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == key()) {
                talk.releaseKey();
            }
        });
        // Ctrl-click, Option-drag, Ctrl-scroll: the key held with the mouse is a gesture, not talk (the button aside).
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!(e.getTarget() instanceof Node node && within(node, "talk"))) {
                talk.cancel();
            }
        });
        scene.addEventFilter(ScrollEvent.SCROLL, e -> talk.cancel());
        Consumer<Window> watch = window -> window.focusedProperty().addListener((watched, had, focused) -> {
            if (!focused) {
                talk.cancel();
            }
        });
        if (scene.getWindow() != null) {
            watch.accept(scene.getWindow());
        }
        scene.windowProperty().addListener((seen, was, window) -> {
            if (window != null) {
                watch.accept(window);
            }
        });
    }

    private static boolean within(Node node, String id) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (id.equals(at.getId())) {
                return true;
            }
        }
        return false;
    }

    /** Settings' speech models: download one (a job), choose the one in use. */
    static SpeechModelsSection speechModels(Core core, Executor fx) {
        return new SpeechModelsSection(core.voice().models(), () -> core.settings().get(SettingsSchema.VOICE_MODEL), name -> {
            try {
                core.settings().set(SettingsSchema.VOICE_MODEL.name(), name);
            } catch (InvalidSettingException e) {
                LoggerFactory.getLogger(VoiceDesk.class).warn("The speech model was not saved: {}", e.getMessage());
            }
        }, core::downloadSpeechModel, fx);
    }

    @Override
    public void close() {
        replies.close();
        microphone.close();
    }
}
