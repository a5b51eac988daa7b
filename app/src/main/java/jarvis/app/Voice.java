package jarvis.app;

import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Progress;
import jarvis.audio.source.Resampler;
import jarvis.audio.voice.Microphone;
import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.Speaker;
import jarvis.audio.voice.Transcriber;
import jarvis.audio.voice.Utterances;
import jarvis.audio.voice.VoiceException;
import jarvis.audio.voice.WhisperModels;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Jarvis's voice: the speech models in the data folder, Whisper to hear (the model loaded once and kept while it is
 * the one chosen), the microphone's push-to-talk, and the machine's own voice to speak replies, each as Settings say.
 */
public final class Voice implements AutoCloseable {

    private final WhisperModels models;
    private final SettingsService settings;
    private Transcriber transcriber;

    Voice(Path modelFolder, SettingsService settings) {
        this.models = new WhisperModels(modelFolder);
        this.settings = settings;
    }

    public WhisperModels models() {
        return models;
    }

    /**
     * Transcribes 16 kHz mono speech with the model named (else the one in Settings), in the language Settings say.
     *
     * @throws VoiceException when there is no model, or it cannot load, saying how to get one
     */
    public Transcriber.Transcript transcribe(float[] speech, Optional<String> model, Consumer<String> partial, BooleanSupplier cancelled)
            throws VoiceException {
        return transcriber(model).transcribe(speech, settings.get(SettingsSchema.VOICE_LANGUAGE), partial, cancelled);
    }

    /** The model, loaded: the one loaded before when it is the same file. */
    public synchronized Transcriber transcriber(Optional<String> model) throws VoiceException {
        Path file = models.resolve(model.orElse(settings.get(SettingsSchema.VOICE_MODEL))).toAbsolutePath().normalize();
        if (transcriber != null && transcriber.model().equals(file)) {
            return transcriber;
        }
        Transcriber opened = Transcriber.open(file);
        if (transcriber != null) {
            transcriber.close();
        }
        transcriber = opened;
        return opened;
    }

    /** Any audio file the Studio can import (M4A through the Studio's converter), as 16 kHz mono speech for Whisper. */
    public float[] speechFrom(Path file) throws AudioFileException {
        return speechFrom(file, M4aConverter.find(settings.get(SettingsSchema.STUDIO_CONVERTER),
                Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS))));
    }

    /** Any audio file the decoder reads, as 16 kHz mono speech for Whisper. */
    public static float[] speechFrom(Path file, M4aConverter converter) throws AudioFileException {
        Audio audio = new AudioDecoder(converter).decode(file, Progress.NONE).audio();
        float[] mono = new float[audio.frames()];
        for (int c = 0; c < audio.channelCount(); c++) {
            float[] channel = audio.channel(c);
            for (int i = 0; i < mono.length; i++) {
                mono[i] += channel[i] / audio.channelCount();
            }
        }
        Audio single = new Audio(audio.rate(), new float[][] {mono});
        return audio.rate() == Utterances.RATE ? mono : new Resampler(audio.rate(), Utterances.RATE).resample(single, Progress.NONE).channel(0);
    }

    /** Push-to-talk on the system's microphone (opened when enabled). */
    public PushToTalk pushToTalk() {
        return new PushToTalk(Microphone::system);
    }

    /** The machine's own voice, with the voice and pace Settings say. */
    public Speaker speaker() {
        return new Speaker(Speaker.forThisMachine(), settings.get(SettingsSchema.VOICE_VOICE), settings.get(SettingsSchema.VOICE_RATE));
    }

    @Override
    public synchronized void close() {
        if (transcriber != null) {
            transcriber.close();
            transcriber = null;
        }
    }
}
