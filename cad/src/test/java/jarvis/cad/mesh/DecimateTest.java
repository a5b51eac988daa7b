package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A preview mesh: at most the triangles asked, the same shape to within a grid cell, and a small mesh left alone. */
class DecimateTest {

    @Test
    void aDenseTorusIsClusteredToAtMostTheTargetKeepingItsShape() throws Exception {
        Mesh torus = StlReader.read(Solids.binary(Solids.torus(40, 10, 400, 200), "torus"), "torus.stl");
        assertThat(torus.triangleCount()).isEqualTo(160_000);

        Mesh preview = Decimate.toAtMost(torus, 20_000);

        assertThat(preview.triangleCount()).isBetween(5_000, 20_000);
        MeshAnalysis full = MeshAnalysis.of(torus);
        MeshAnalysis light = MeshAnalysis.of(preview);
        double cell = full.sizeX() / Math.sqrt(20_000 / 4.0);
        assertThat(light.sizeX()).isCloseTo(full.sizeX(), within(2 * cell));
        assertThat(light.sizeZ()).isCloseTo(full.sizeZ(), within(2 * cell));
        assertThat(light.volume()).isCloseTo(full.volume(), within(full.volume() * 0.05));
        assertThat(Decimate.toAtMost(torus, 200_000)).isSameAs(torus);
    }
}
