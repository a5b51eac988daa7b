package jarvis.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperModelsTest {

    @TempDir
    Path folder;

    @Test
    void aSettingNamesAModelInTheFolderOrAFileAndEmptyPicksTheSmallest() throws Exception {
        WhisperModels models = new WhisperModels(folder);
        assertThatThrownBy(() -> models.resolve("")).hasMessageContaining("There is no speech model yet").hasMessageContaining("Settings → Voice");

        Files.write(folder.resolve("ggml-base.en.bin"), new byte[200]);
        Files.write(folder.resolve("ggml-tiny.en.bin"), new byte[100]);
        Files.write(folder.resolve("notes.txt"), new byte[10]);

        assertThat(models.installed()).extracting(p -> p.getFileName().toString()).containsExactly("ggml-tiny.en.bin", "ggml-base.en.bin");
        assertThat(models.resolve("")).isEqualTo(folder.resolve("ggml-tiny.en.bin"));
        assertThat(models.resolve("base.en")).isEqualTo(folder.resolve("ggml-base.en.bin"));
        assertThat(models.resolve("ggml-small.bin")).isEqualTo(folder.resolve("ggml-small.bin"));
        assertThat(models.resolve("/opt/models/mine.bin")).isEqualTo(Path.of("/opt/models/mine.bin"));
        assertThat(WhisperModels.known("ggml-base.en.bin")).hasValueSatisfying(k -> assertThat(k.url(WhisperModels.SOURCE).toString())
                .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin"));
    }

    @Test
    void longSpeechIsCutAtItsQuietestMomentNearTheWindowsEnd() {
        float[] samples = new float[Transcriber.WINDOW + 5 * Utterances.RATE];
        java.util.Arrays.fill(samples, 0.2f);
        int quiet = Transcriber.WINDOW - Utterances.RATE;
        java.util.Arrays.fill(samples, quiet, quiet + Utterances.RATE / 50, 0f);

        int cut = Transcriber.cut(samples, 0);

        assertThat(cut).isBetween(quiet, quiet + Utterances.RATE / 50);
        assertThat(Transcriber.cut(samples, cut)).as("the rest fits one window").isEqualTo(samples.length);
    }
}
