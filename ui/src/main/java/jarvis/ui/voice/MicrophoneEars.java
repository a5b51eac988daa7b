package jarvis.ui.voice;

import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.VoiceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Push-to-talk on a microphone, and Whisper off the UI thread: the ears the talk model listens with. */
public final class MicrophoneEars implements TalkViewModel.Ears {

    /** Speech to words (blocking: it is called off the UI thread). */
    @FunctionalInterface
    public interface Whisper {
        String transcribe(float[] speech, Consumer<String> partial) throws VoiceException;
    }

    private final PushToTalk microphone;
    private final Whisper whisper;
    private final Executor background;
    private final Runnable opened;

    /** @param opened run once the microphone is open (the model can load while the person speaks) */
    public MicrophoneEars(PushToTalk microphone, Whisper whisper, Executor background, Runnable opened) {
        this.microphone = microphone;
        this.whisper = whisper;
        this.background = background;
        this.opened = opened;
    }

    @Override
    public void open() throws VoiceException {
        microphone.enable();
        opened.run();
    }

    @Override
    public boolean press() {
        return microphone.press();
    }

    @Override
    public PushToTalk.Outcome release() {
        return microphone.release();
    }

    @Override
    public double level() {
        return microphone.level();
    }

    @Override
    public CompletableFuture<String> transcribe(float[] speech, Consumer<String> partial) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return whisper.transcribe(speech, partial);
            } catch (VoiceException e) {
                throw new CompletionException(e);
            }
        }, background);
    }
}
