package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STL read as exporters write it, and every way a file can be wrong said by name; analysis against known solids. */
class StlReaderTest {

    @TempDir
    Path folder;

    @Test
    void aBinaryCubeIsReadWeldedAndMeasured() throws Exception {
        Mesh cube = StlReader.read(Solids.binary(Solids.cube(10), "cube"), "cube.stl");

        assertThat(cube.triangleCount()).isEqualTo(12);
        assertThat(cube.vertexCount()).as("corners shared by triangles are one vertex").isEqualTo(8);
        MeshAnalysis analysis = MeshAnalysis.of(cube);
        assertThat(analysis.sizeX()).isEqualTo(10);
        assertThat(analysis.sizeZ()).isEqualTo(10);
        assertThat(analysis.area()).isCloseTo(600, within(1e-6));
        assertThat(analysis.volume()).isCloseTo(1000, within(1e-6));
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.parts()).isEqualTo(1);
    }

    @Test
    void aBinaryFileWhoseHeaderBeginsWithSolidIsStillBinary() throws Exception {
        byte[] bytes = Solids.binary(Solids.cube(20), "solid exported by SolidWorks");

        Mesh cube = StlReader.read(bytes, "bracket.stl");

        assertThat(MeshAnalysis.of(cube).volume()).isCloseTo(8000, within(1e-6));
    }

    @Test
    void asciiWithCrlfExponentsAndSeveralSolidsIsReadAsSeveralParts() throws Exception {
        byte[] bytes = Solids.ascii("\r\n", List.of(Solids.cube(10), Solids.shifted(Solids.cube(10), 30)));
        Files.write(folder.resolve("two.stl"), bytes);

        Mesh two = StlReader.read(folder.resolve("two.stl"));

        MeshAnalysis analysis = MeshAnalysis.of(two);
        assertThat(analysis.parts()).isEqualTo(2);
        assertThat(analysis.triangles()).isEqualTo(24);
        assertThat(analysis.sizeX()).isCloseTo(40, within(1e-4));
        assertThat(analysis.volume()).isCloseTo(2000, within(1e-3));
        assertThat(analysis.closed()).isTrue();
    }

    @Test
    void aTorusHasTheVolumeAndAreaOfATorus() throws Exception {
        Mesh torus = StlReader.read(Solids.binary(Solids.torus(20, 5, 256, 128), ""), "torus.stl");

        MeshAnalysis analysis = MeshAnalysis.of(torus);
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.volume()).isCloseTo(2 * Math.PI * Math.PI * 20 * 25, within(2 * Math.PI * Math.PI * 20 * 25 * 0.01));
        assertThat(analysis.area()).isCloseTo(4 * Math.PI * Math.PI * 20 * 5, within(4 * Math.PI * Math.PI * 100 * 0.01));
    }

    @Test
    void aLargeFileWeldedInTwoHalvesIsOneClosedSolidAcrossTheSeam() throws Exception {
        List<float[]> facets = Solids.torus(40, 10, 600, 200);
        byte[] bytes = Solids.binary(facets, "");

        Mesh torus = StlReader.read(bytes, "big.stl");

        assertThat(torus.triangleCount()).isEqualTo(240_000);
        assertThat(torus.vertexCount()).as("vertices on both sides of the halves' seam are one").isEqualTo(600 * 200);
        MeshAnalysis analysis = MeshAnalysis.of(torus);
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.parts()).isEqualTo(1);
        assertThat(analysis.volume()).isCloseTo(2 * Math.PI * Math.PI * 40 * 100, within(2 * Math.PI * Math.PI * 4000 * 0.01));
        // Every triangle's corners are where the file put them, in the second half too.
        for (int facet : new int[] {0, 119_999, 120_000, 239_999}) {
            for (int corner = 0; corner < 3; corner++) {
                int vertex = torus.triangles()[3 * facet + corner];
                for (int axis = 0; axis < 3; axis++) {
                    assertThat(torus.vertices()[3 * vertex + axis]).isEqualTo(facets.get(facet)[3 * corner + axis]);
                }
            }
        }

        // Interrupted meanwhile (a job cancelled): the other half is still waited for, and the interrupt kept.
        Thread.currentThread().interrupt();
        Mesh again = StlReader.read(bytes, "big.stl");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(again.vertexCount()).isEqualTo(600 * 200);
        assertThat(MeshAnalysis.of(again).closed()).isTrue();

        ByteBuffer damaged = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        damaged.putFloat(84 + 50 * 200_000 + 12 + 4 * 4, Float.NaN);
        assertThatThrownBy(() -> StlReader.read(damaged.array(), "big.stl")).isInstanceOf(MeshException.class)
                .hasMessageContaining("triangle (number 200001)").hasMessageContaining("not a number");
    }

    @Test
    void aPartOnARoundGridWeldsLikeAnyOther() throws Exception {
        // CAD coordinates on a 0.5 mm grid: their low mantissa bits are all zero, which a weak hash clusters.
        List<float[]> plate = new ArrayList<>();
        int n = 300;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float x = i * 0.5f;
                float y = j * 0.5f;
                plate.add(new float[] {x, y, 0, x + 0.5f, y, 0, x + 0.5f, y + 0.5f, 0});
                plate.add(new float[] {x, y, 0, x + 0.5f, y + 0.5f, 0, x, y + 0.5f, 0});
            }
        }

        Mesh grid = StlReader.read(Solids.binary(plate, ""), "plate.stl");

        assertThat(grid.vertexCount()).isEqualTo((n + 1) * (n + 1));
        MeshAnalysis analysis = MeshAnalysis.of(grid);
        assertThat(analysis.openEdges()).as("only the rim is open").isEqualTo(4 * n);
        assertThat(analysis.parts()).isEqualTo(1);
        assertThat(analysis.area()).isCloseTo(150 * 150, within(1e-3));
    }

    @Test
    void minusZeroIsTheSamePointAsZero() throws Exception {
        List<float[]> cube = new ArrayList<>();
        for (float[] facet : Solids.cube(10)) {
            float[] signed = facet.clone();
            for (int i = 0; i < signed.length; i++) {
                signed[i] = signed[i] == 0 && i % 2 == 0 ? -0.0f : signed[i];
            }
            cube.add(signed);
        }

        Mesh welded = StlReader.read(Solids.binary(cube, ""), "zeros.stl");

        assertThat(welded.vertexCount()).isEqualTo(8);
        assertThat(MeshAnalysis.of(welded).closed()).isTrue();
    }

    @Test
    void anOpenBoxHasOpenEdgesAndAFlippedTriangleIsFound() throws Exception {
        List<float[]> box = new ArrayList<>(Solids.cube(10));
        box.remove(3);
        box.remove(2);
        MeshAnalysis open = MeshAnalysis.of(StlReader.read(Solids.binary(box, ""), "box.stl"));
        assertThat(open.openEdges()).isEqualTo(4);
        assertThat(open.closed()).isFalse();

        List<float[]> flipped = new ArrayList<>(Solids.cube(10));
        float[] t = flipped.get(5);
        flipped.set(5, new float[] {t[0], t[1], t[2], t[6], t[7], t[8], t[3], t[4], t[5]});
        MeshAnalysis wrong = MeshAnalysis.of(StlReader.read(Solids.binary(flipped, ""), "flipped.stl"));
        assertThat(wrong.flippedEdges()).isEqualTo(3);
        assertThat(wrong.openEdges()).isZero();
        assertThat(wrong.closed()).isFalse();
    }

    @Test
    void brokenFilesAreSaidForWhatIsWrongWithThem() {
        byte[] whole = Solids.binary(Solids.cube(10), "");
        assertThatThrownBy(() -> StlReader.read(Arrays.copyOf(whole, whole.length - 30), "cut.stl")).isInstanceOf(MeshException.class)
                .hasMessageContaining("cut.stl").hasMessageContaining("announces 12 triangles").hasMessageContaining("cut short");
        assertThatThrownBy(() -> StlReader.read(new byte[0], "empty.stl")).hasMessageContaining("empty.stl is empty");
        assertThatThrownBy(() -> StlReader.read("PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1), "part.stl"))
                .hasMessageContaining("not an STL file");
        assertThatThrownBy(() -> StlReader.read("solid x\nfacet normal 0 0 1\nouter loop\nvertex 1 2 oops\n".getBytes(StandardCharsets.US_ASCII),
                "bad.stl")).hasMessageContaining("line 4").hasMessageContaining("oops");
        assertThatThrownBy(() -> StlReader.read("solid x\nfacet normal 0 0 1\nouter loop\nvertex 1 2 3\nvertex 1 2 4\n".getBytes(StandardCharsets.US_ASCII),
                "short.stl")).hasMessageContaining("cut short");
        assertThatThrownBy(() -> StlReader.read("solid nothing\nendsolid nothing\n".getBytes(StandardCharsets.US_ASCII), "none.stl"))
                .hasMessageContaining("no facets");
        assertThatThrownBy(() -> StlReader.read(folder.resolve("absent.stl"))).hasMessageContaining("There is no file");
    }
}
