package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.StlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and analysing a 1M-triangle binary STL (a torus, 50 MB): the part of a drop or of {@code ./jarvis cad info}
 * that a person waits for before the part's numbers show: the file read, its corners welded into shared vertices, then
 * the size, area, volume, parts and open, non-manifold and flipped edges. The baseline, in the same run, is reading the
 * same file's bytes into memory; the two take turns going first, so that neither always pays for the other's garbage.
 * The goal is at most 3 times the baseline. Medians of 15 rounds of each, after
 * 5 to warm up. Left out: a first read from a cold disk (the file is in the page cache for both), storing the part,
 * its decimated preview and thumbnail (see {@link PreviewBenchmark}), and meshes less regular than a torus, whose
 * every vertex is shared by six triangles in order (the best case for the weld's recent cache).
 */
@Tag("benchmark")
class StlReadBenchmark {

    private static final int WARM_UP = 5;
    private static final int ROUNDS = 15;

    @TempDir
    Path folder;

    /** Reads the file's bytes; returns how long the reading took, in nanoseconds. */
    private static long readBytes(Path file) throws IOException {
        long start = System.nanoTime();
        byte[] read = Files.readAllBytes(file);
        long took = System.nanoTime() - start;
        assertThat(read.length).isEqualTo(84 + 50 * 1_000_000);
        return took;
    }

    @Test
    void readAndAnalyseAMillionTrianglesAgainstReadingTheBytes() throws Exception {
        Path file = Files.write(folder.resolve("torus.stl"), Torus.stl(1000, 500));
        List<Long> bytes = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        List<Long> analysed = new ArrayList<>();
        // What the tests before this one left on the heap is not this benchmark's to collect.
        System.gc();
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            long bytesTook = 0;
            if (round % 2 == 0) {
                bytesTook = readBytes(file);
            }
            long start = System.nanoTime();
            Mesh mesh = StlReader.read(file);
            long afterRead = System.nanoTime();
            MeshAnalysis analysis = MeshAnalysis.of(mesh);
            long end = System.nanoTime();
            assertThat(analysis.triangles()).isEqualTo(1_000_000);
            assertThat(analysis.closed()).as("a torus is a closed solid").isTrue();
            assertThat(analysis.parts()).isEqualTo(1);
            if (round % 2 == 1) {
                bytesTook = readBytes(file);
            }
            if (round >= WARM_UP) {
                bytes.add(bytesTook);
                read.add(afterRead - start);
                analysed.add(end - start);
            }
        }
        double baseline = Percentiles.ofNanos(bytes).p50();
        double whole = Percentiles.ofNanos(analysed).p50();
        new BenchReport("stl-read")
                .figure("triangles", 1_000_000)
                .figure("fileBytesMillis", baseline)
                .figure("readAndWeldMillis", Percentiles.ofNanos(read).p50())
                .figure("readAndAnalyseMillis", whole)
                // The goal is not met yet (about 7x here); the build fails at twice that, a real breakage, not a noisy machine.
                .atMost("ratioToReadingTheBytes", whole / baseline, 3.0, "x", 15.0)
                .finish();
    }

    /** The benchmarks after this one measure a window's frames: they are not to pay for collecting these 50 MB arrays. */
    @AfterEach
    void collect() {
        System.gc();
    }
}
