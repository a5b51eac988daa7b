package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OBJ as modellers write it: quads, texture and normal indices, negative indices; wrong indices said with their line. */
class ObjReaderTest {

    private static final String CUBE = """
            # a 10 mm cube, quads, as Blender exports it
            o Cube
            v 0 0 0
            v 10 0 0
            v 10 10 0
            v 0 10 0
            v 0 0 10
            v 10 0 10
            v 10 10 10
            v 0 10 10
            vn 0 0 -1
            vt 0 0
            f 1/1/1 4/1/1 3/1/1 2/1/1
            f 5//1 6//1 7//1 8//1
            f 1 2 6 5
            f -7 -6 -2 -3
            f 3 4 8 7
            f 4 1 5 8
            """;

    @Test
    void quadsWithTextureNormalAndNegativeIndicesMakeAClosedCube() throws Exception {
        Mesh cube = ObjReader.read(CUBE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "cube.obj");

        assertThat(cube.triangleCount()).isEqualTo(12);
        MeshAnalysis analysis = MeshAnalysis.of(cube);
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.volume()).isCloseTo(1000, within(1e-6));
    }

    @Test
    void aFaceNamingAVertexNotYetDefinedIsSaidWithItsLine() {
        assertThatThrownBy(() -> ObjReader.read("v 0 0 0\nv 1 0 0\nf 1 2 3\n".getBytes(StandardCharsets.UTF_8), "bad.obj"))
                .isInstanceOf(MeshException.class).hasMessageContaining("vertex 3 (line 3)").hasMessageContaining("only 2");
        assertThatThrownBy(() -> ObjReader.read("v 0 0 0\nv 1 0 0\nv 0 1 0\n".getBytes(StandardCharsets.UTF_8), "points.obj"))
                .hasMessageContaining("no faces");
        assertThatThrownBy(() -> ObjReader.read("v 0 zero 0\n".getBytes(StandardCharsets.UTF_8), "nan.obj")).hasMessageContaining("'zero'");
    }
}
