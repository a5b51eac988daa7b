package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Progress;
import jarvis.audio.source.SourceImport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing a 10-minute stereo WAV (16-bit): the file decoded into float channels, resampled to 48 kHz when it is not
 * at 48 kHz (64 taps an output sample), and its waveform's peaks made. Two files: one at 48 kHz (115 MB, no resampling)
 * and one at 44.1 kHz (106 MB), the usual rate of music files. The baseline, in the same run, is reading each file's
 * bytes into memory; the goal is at most 3 times that, and neither file meets it yet (about 4× and 55× here).
 * Medians of 7 rounds after 2 to warm up (the 44.1 kHz file: 3 rounds), in a JVM of their own with its heap touched
 * beforehand ({@link SteadyHeap}). Left out: storing the source in the artifact store, which the import job does before
 * the track appears (a 230 MB write); the first touch of fresh memory; a first read from a cold disk; drawing the
 * waveform.
 */
@Tag("benchmark")
class AudioImportBenchmark {

    private static final int WARM_UP = 2;
    private static final int ROUNDS = 7;
    private static final int SECONDS = 600;

    @TempDir
    Path folder;

    @Test
    void importATenMinuteWavAgainstReadingItsBytes() throws Exception {
        Path at48 = wav(folder.resolve("ten-minutes-48k.wav"), 48_000);
        Path at44 = wav(folder.resolve("ten-minutes-44k.wav"), 44_100);
        List<Long> bytes = new ArrayList<>();
        List<Long> imported = new ArrayList<>();
        List<Long> resampled = new ArrayList<>();
        List<Long> bytes44 = new ArrayList<>();
        for (String line : SteadyHeap.run(Rounds.class, 2048, at48.toString(), at44.toString())) {
            String[] words = line.split(" ");
            if (words[0].equals("ROUND") && Integer.parseInt(words[1]) >= WARM_UP) {
                bytes.add(Long.parseLong(words[2]));
                imported.add(Long.parseLong(words[3]));
                if (!words[4].equals("0")) {
                    resampled.add(Long.parseLong(words[4]));
                    bytes44.add(Long.parseLong(words[5]));
                }
            }
        }
        assertThat(imported).hasSize(ROUNDS);
        double baseline = Percentiles.ofNanos(bytes).p50();
        double whole = Percentiles.ofNanos(imported).p50();
        double baseline44 = Percentiles.ofNanos(bytes44).p50();
        double whole44 = Percentiles.ofNanos(resampled).p50();
        // Neither goal is met yet (decision 0040): the build fails at about twice where each stands, a breakage, not noise.
        new BenchReport("audio-import")
                .figure("seconds", SECONDS)
                .figure("fileBytes48kMillis", baseline)
                .figure("import48kMillis", whole)
                .figure("fileBytes44kMillis", baseline44)
                .figure("import44kWithResamplingMillis", whole44)
                .atMost("ratio48kToReadingTheBytes", whole / baseline, 3.0, "x", 10.0)
                .atMost("ratio44kToReadingTheBytes", whole44 / baseline44, 3.0, "x", 150.0)
                .finish();
    }

    /**
     * The rounds, in a JVM of their own: each prints "ROUND n bytes-ns import-ns import44-ns bytes44-ns" (the last two 0
     * when not timed: the 44.1 kHz file, a second a round, is timed in three rounds).
     */
    static final class Rounds {
        public static void main(String[] args) throws Exception {
            Path at48 = Path.of(args[0]);
            Path at44 = Path.of(args[1]);
            SourceImport importer = new SourceImport(new AudioDecoder(M4aConverter.find("", Duration.ofSeconds(60))));
            for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                long start = System.nanoTime();
                byte[] read = Files.readAllBytes(at48);
                long bytesTook = System.nanoTime() - start;
                check(read.length > SECONDS * 48_000 * 4);
                read = null;
                start = System.nanoTime();
                SourceImport.Imported source = importer.read(at48, Progress.NONE);
                long importTook = System.nanoTime() - start;
                check(source.audio().frames() == SECONDS * 48_000 && source.peaks().frames() == SECONDS * 48_000);
                source = null;
                long resampleTook = 0;
                long bytes44Took = 0;
                if (round == 0 || round >= WARM_UP + ROUNDS - 3) {
                    start = System.nanoTime();
                    check(Files.readAllBytes(at44).length > SECONDS * 44_100 * 4);
                    bytes44Took = System.nanoTime() - start;
                    start = System.nanoTime();
                    SourceImport.Imported other = importer.read(at44, Progress.NONE);
                    resampleTook = System.nanoTime() - start;
                    check(other.audio().frames() == SECONDS * 48_000);
                }
                System.out.println("ROUND " + round + " " + bytesTook + " " + importTook + " " + resampleTook + " " + bytes44Took);
            }
        }

        private static void check(boolean holds) {
            if (!holds) {
                throw new IllegalStateException("the import read the wrong number of frames");
            }
        }
    }

    /** A WAV of a slowly sweeping stereo tone, written in pieces. */
    private static Path wav(Path file, int rate) throws IOException {
        int frames = SECONDS * rate;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            int data = frames * 4;
            header.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
                    .putShort((short) 2).putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 16).put("data".getBytes()).putInt(data);
            out.write(header.array());
            ByteBuffer block = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < frames; f++) {
                double t = f / (double) rate;
                block.putShort((short) (12_000 * Math.sin(2 * Math.PI * (220 + t) * t)));
                block.putShort((short) (12_000 * Math.sin(2 * Math.PI * 330 * t)));
                if (!block.hasRemaining()) {
                    out.write(block.array(), 0, block.position());
                    block.clear();
                }
            }
            out.write(block.array(), 0, block.position());
        }
        return file;
    }
}
