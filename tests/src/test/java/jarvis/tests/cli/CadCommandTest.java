package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.tests.support.Cli;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis cad info}: a part's numbers in words and in JSON, an open mesh's volume not trusted, a broken file said. */
class CadCommandTest {

    @TempDir
    Path home;

    /** A binary STL of a box {@code x} × {@code y} × {@code z} mm; without its top when {@code open}. */
    static byte[] box(float x, float y, float z, boolean open) {
        float[][] p = {{0, 0, 0}, {x, 0, 0}, {x, y, 0}, {0, y, 0}, {0, 0, z}, {x, 0, z}, {x, y, z}, {0, y, z}};
        int[][] faces = {{0, 3, 2, 1}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {4, 5, 6, 7}};
        int count = open ? 10 : 12;
        ByteBuffer out = ByteBuffer.allocate(84 + 50 * count).order(ByteOrder.LITTLE_ENDIAN);
        out.position(80);
        out.putInt(count);
        for (int f = 0; f < count / 2; f++) {
            int[] face = faces[f];
            for (int[] tri : new int[][] {{face[0], face[1], face[2]}, {face[0], face[2], face[3]}}) {
                out.putFloat(0).putFloat(0).putFloat(0);
                for (int corner : tri) {
                    out.putFloat(p[corner][0]).putFloat(p[corner][1]).putFloat(p[corner][2]);
                }
                out.putShort((short) 0);
            }
        }
        return out.array();
    }

    @Test
    void aPartsNumbersAreSaidAndAnOpenMeshsVolumeIsNotTrusted() throws Exception {
        Path bracket = Files.write(home.resolve("bracket.stl"), box(40, 20, 5, false));
        Path open = Files.write(home.resolve("tray.stl"), box(40, 20, 5, true));

        Cli.Result said = Cli.run(home, Map.of(), "cad", "info", bracket.toString());
        assertThat(said.status()).as(said.err()).isZero();
        assertThat(said.out()).contains("bracket.stl: 12 triangles, 1 part", "Size: 40.00 × 20.00 × 5.00 mm", "Area: 2200.0 mm²",
                "Volume: 4000.0 mm³ (a closed solid)");
        Cli.Result json = Cli.run(home, Map.of(), "cad", "info", bracket.toString(), "--json");
        assertThat(json.out()).contains("\"volume_mm3\" : 4000", "\"closed\" : true", "\"x\" : 40.0");
        Cli.Result tray = Cli.run(home, Map.of(), "cad", "info", open.toString());
        assertThat(tray.out()).contains("not to be trusted", "4 open");

        Path broken = Files.write(home.resolve("broken.stl"), new byte[] {1, 2, 3});
        Cli.Result bad = Cli.run(home, Map.of(), "cad", "info", broken.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.stl is not an STL file");
        Cli.Result step = Cli.run(home, Map.of(), "cad", "info", home.resolve("bracket.step").toString());
        assertThat(step.err()).contains("reads .stl and .obj");
    }
}
