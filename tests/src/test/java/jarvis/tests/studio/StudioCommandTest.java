package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.app.Core;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.support.Cli;
import jarvis.tests.support.Wavs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis studio}: files imported onto tracks of a project, projects listed, a project mixed down to the sum of its tracks. */
class StudioCommandTest {

    @TempDir
    Path home;

    /** 16-bit samples of a tone, interleaved when stereo. */
    private static short[] tone(int frames, int channels, double hz, double amplitude) {
        short[] samples = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                samples[f * channels + c] = (short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * hz * (c + 1) * f / 48_000));
            }
        }
        return samples;
    }

    private static short[] read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
    }

    @Test
    void importedFilesLandOnTracksAndTheMixdownIsTheirSum() throws Exception {
        short[] drums = tone(48_000, 2, 220, 0.3);
        short[] bass = tone(24_000, 1, 110, 0.3);
        Path drumsFile = Wavs.write(home.resolve("drums.wav"), drums, 2, 48_000);
        Path bassWav = Wavs.write(home.resolve("bass-source.wav"), bass, 1, 48_000);
        Path bassFlac = home.resolve("bass.flac");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", bassWav.toString(), bassFlac.toString())
                .redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("ffmpeg made the FLAC file").isTrue();
        Path broken = Files.write(home.resolve("broken.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 1, 9, 9, 9});

        Cli.Result imported = Cli.run(home, Map.of(), "studio", "import", drumsFile.toString(), bassFlac.toString(), broken.toString(),
                "--project", "Demo");

        assertThat(imported.status()).as("one file of three could not be read").isEqualTo(1);
        assertThat(imported.out()).contains("drums.wav: WAV, 16-bit, 48000 Hz, stereo, 0:01.0; on a new track of Demo at 48000 Hz",
                "bass.flac: FLAC, 16-bit, 48000 Hz, mono, 0:00.5;");
        assertThat(imported.err()).contains("broken.mp3");

        Cli.Result listed = Cli.run(home, Map.of(), "studio", "projects");
        assertThat(listed.out()).contains("Demo").contains("2 tracks").contains("2 clips");

        Path mix = home.resolve("mix.wav");
        Cli.Result mixed = Cli.run(home, Map.of(), "studio", "mixdown", "Demo", "-o", mix.toString(), "--bits", "16");
        assertThat(mixed.status()).as(mixed.err()).isZero();
        assertThat(mixed.out()).contains("Mixed Demo down to", "0:01.0, 16-bit, 48 kHz stereo.");
        short[] written = read(mix);
        assertThat(written).hasSize(2 * 48_000);
        for (int f = 0; f < 48_000; f++) {
            for (int c = 0; c < 2; c++) {
                int expected = drums[2 * f + c] + (f < 24_000 ? bass[f] : 0);
                assertThat(Math.abs(written[2 * f + c] - expected)).as("frame %d channel %d", f, c).isLessThanOrEqualTo(1);
            }
        }

        // The same mixdown as a job, into the artifact store (what the Studio area's button does): the same file.
        try (Core core = new Core(new DataFolder(home), Map.of())) {
            core.openStorage();
            Artifact stored = core.mixdownToStore("Demo", 16, fraction -> { }).get(60, TimeUnit.SECONDS);
            assertThat(stored.name()).isEqualTo("studio/mixdowns/Demo.wav");
            assertThat(stored.metadata()).containsEntry("frames", "48000").containsEntry("clipped", "0");
            try (java.io.InputStream bytes = core.storage().join().artifacts().open(stored.id())) {
                assertThat(bytes.readAllBytes()).isEqualTo(Files.readAllBytes(mix));
            }
            assertThat(core.mixdownToStore("Nope", 16, fraction -> { })).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
                    .withMessageContaining("There is no project called Nope");
        }

        Cli.Result unknown = Cli.run(home, Map.of(), "studio", "mixdown", "Nope", "-o", mix.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("there is no project called Nope");
        assertThat(List.of(home.toFile().list())).doesNotContain("mix.wav.part");
    }
}
