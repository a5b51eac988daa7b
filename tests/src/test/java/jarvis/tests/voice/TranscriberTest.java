package jarvis.tests.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.app.Voice;
import jarvis.audio.voice.Microphone;
import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.Speaker;
import jarvis.audio.voice.Transcriber;
import jarvis.audio.voice.Utterances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whisper in this process, with whisper.cpp's test models (a vocabulary, no weights: they load, run and hear nothing),
 * and real speech made by espeak-ng fed through the push-to-talk path as a microphone would give it.
 */
class TranscriberTest {

    @TempDir
    Path folder;

    /** A sentence spoken by espeak-ng, as 16 kHz mono floats (espeak-ng writes 22.05 kHz; it is resampled as any file is). */
    private float[] spoken(String sentence) throws Exception {
        Path wav = folder.resolve("spoken.wav");
        new Speaker(Speaker.Program.ESPEAK_NG, "en-us", 0).speakInto(sentence, wav);
        return Voice.speechFrom(wav, jarvis.audio.source.M4aConverter.none());
    }

    @Test
    void theTestModelLoadsRunsTheWholePathAndHearsNothing() throws Exception {
        float[] speech = spoken("Set the bed to eighty degrees.");
        assertThat(speech.length).as("a second or two of speech").isBetween(Utterances.RATE, 4 * Utterances.RATE);

        try (Transcriber whisper = Transcriber.open(TestModels.tinyEnglish())) {
            assertThat(whisper.hasWeights()).as("a vocabulary only, as whisper.cpp's log says").isFalse();
            Transcriber.Transcript heard = whisper.transcribe(Utterances.padded(speech), "en", partial -> { }, () -> false);

            assertThat(heard.text()).as("no weights, no words").isEmpty();
            assertThat(heard.audioSeconds()).isEqualTo(Utterances.padded(speech).length / 16_000.0);
            assertThat(heard.nanos()).isPositive();
        }
    }

    @Test
    void longSpeechIsHeardAWindowAtATimeWithTheTextSoFarTold() throws Exception {
        float[] speech = new float[27 * Utterances.RATE];
        float[] sentence = spoken("The printer is ready.");
        for (int at = 0; at + sentence.length < speech.length; at += sentence.length + Utterances.RATE / 2) {
            System.arraycopy(sentence, 0, speech, at, sentence.length);
        }
        List<String> partials = new ArrayList<>();
        try (Transcriber whisper = Transcriber.open(TestModels.tiny())) {
            whisper.transcribe(speech, "auto", partials::add, () -> false);
        }
        assertThat(partials).as("told once, after the first of two windows").hasSize(1);
    }

    @Test
    void speechThroughThePushToTalkPathIsTrimmedAndHeard() throws Exception {
        float[] sentence = spoken("Turn on the workshop lights, please.");
        // A microphone that gives a second of silence, the sentence, then silence: as a person holding the key would.
        float[] script = new float[sentence.length + 3 * Utterances.RATE];
        System.arraycopy(sentence, 0, script, Utterances.RATE, sentence.length);
        int[] at = {0};
        Microphone line = new Microphone() {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                int samples = length / 2;
                for (int i = 0; i < samples; i++, at[0]++) {
                    short s = at[0] < script.length ? (short) (script[at[0]] * 32767) : 0;
                    buffer[offset + 2 * i] = (byte) s;
                    buffer[offset + 2 * i + 1] = (byte) (s >> 8);
                }
                return samples * 2;
            }

            @Override
            public void close() {
            }
        };
        try (PushToTalk talk = new PushToTalk(() -> line); Transcriber whisper = Transcriber.open(TestModels.tiny())) {
            talk.enable();
            talk.press();
            // Held while the line plays it at real time.
            Thread.sleep(Math.round(script.length * 1000.0 / Utterances.RATE));
            PushToTalk.Outcome outcome = talk.release();

            assertThat(outcome).isInstanceOfSatisfying(PushToTalk.Outcome.Heard.class, heard -> {
                assertThat(heard.samples().length).as("the sentence, a fifth of a second either side, not the silence around it")
                        .isBetween(sentence.length - Utterances.RATE / 5, sentence.length + Utterances.RATE);
            });
            float[] heard = ((PushToTalk.Outcome.Heard) outcome).samples();
            assertThat(whisper.transcribe(heard, "auto", partial -> { }, () -> false).text()).isEmpty();
        }
    }

    @Test
    void aMissingOrDamagedModelIsSaidWithHowToGetOne() throws Exception {
        assertThatThrownBy(() -> Transcriber.open(folder.resolve("ggml-base.en.bin"))).hasMessageContaining("There is no speech model at")
                .hasMessageContaining("Settings → Voice");
        Path garbage = Files.write(folder.resolve("ggml-garbage.bin"), "this is not a model at all".repeat(100).getBytes());
        assertThatThrownBy(() -> Transcriber.open(garbage)).hasMessageContaining("is not a whisper.cpp model Jarvis can load")
                .hasMessageContaining("Download it again");
    }
}
