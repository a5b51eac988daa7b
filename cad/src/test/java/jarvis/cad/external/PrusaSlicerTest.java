package jarvis.cad.external;

import jarvis.cad.parts.Fit;
import jarvis.orchestrator.commands.CommandException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real PrusaSlicer (Debian's prusa-slicer, installed by .ci/run): its out-of-order steps as a rising bar, its
 * abort on a part wider than the bed explained, a missing program said with what to install, and the estimates read
 * from the G-code's end as PrusaSlicer 2.5 writes them.
 */
class PrusaSlicerTest {

    @TempDir
    Path folder;

    /** A binary STL box of {@code s} mm. */
    private Path cube(float s) throws Exception {
        float[][] p = {{0, 0, 0}, {s, 0, 0}, {s, s, 0}, {0, s, 0}, {0, 0, s}, {s, 0, s}, {s, s, s}, {0, s, s}};
        int[][] faces = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
        ByteBuffer out = ByteBuffer.allocate(84 + 50 * 12).order(ByteOrder.LITTLE_ENDIAN);
        out.position(80);
        out.putInt(12);
        for (int[] f : faces) {
            for (int[] t : new int[][] {{f[0], f[1], f[2]}, {f[0], f[2], f[3]}}) {
                out.putFloat(0).putFloat(0).putFloat(0);
                for (int corner : t) {
                    out.putFloat(p[corner][0]).putFloat(p[corner][1]).putFloat(p[corner][2]);
                }
                out.putShort((short) 0);
            }
        }
        return Files.write(folder.resolve("cube.stl"), out.array());
    }

    @Test
    void aCubeIsSlicedWithARisingBarAndItsEstimatesRead() throws Exception {
        Path profile = new SlicerProfiles(folder.resolve("slicer")).of("Voron", "Moonraker");
        List<Double> bar = new ArrayList<>();
        Slicer.Sliced sliced = new PrusaSlicer(Programs.prusaSlicer(""), Duration.ofSeconds(120)).slice(cube(20), profile,
                new Fit.Space("Voron", 300, 300, 280, false), folder.resolve("cube.gcode"), (fraction, doing) -> bar.add(fraction), () -> false);

        assertThat(bar).isSorted().contains(1.0);
        assertThat(sliced.time()).get().asString().matches("(\\d+h )?\\d+m \\d+s");
        assertThat(sliced.filamentMetres()).get().satisfies(metres -> assertThat(metres).isBetween(0.3, 5.0));
        assertThat(sliced.filamentGrams()).get().satisfies(grams -> assertThat(grams).isPositive());
    }

    @Test
    void aPartWiderThanTheBedAndAMissingSlicerAreExplained() throws Exception {
        Path profile = new SlicerProfiles(folder.resolve("slicer")).of("Mini", "OctoPrint");
        // A 60 mm box with zero normals: PrusaSlicer would take it for text (and fail to load it) without the copy Jarvis hands it.
        Path part = cube(60);
        assertThatThrownBy(() -> new PrusaSlicer(Programs.prusaSlicer(""), Duration.ofSeconds(120)).slice(part, profile,
                new Fit.Space("Mini", 40, 40, 100, false), folder.resolve("wide.gcode"), (fraction, doing) -> { }, () -> false))
                .isInstanceOf(CommandException.class).hasMessageContaining("could not place cube.stl on Mini's bed (40 × 40 mm)");
        assertThatThrownBy(() -> new PrusaSlicer("/nowhere/prusa-slicer", Duration.ofSeconds(5)).slice(part, profile,
                new Fit.Space("Mini", 180, 180, 180, false), folder.resolve("none.gcode"), (fraction, doing) -> { }, () -> false))
                .hasMessageContaining("could not be started").hasMessageContaining("apt install prusa-slicer");
    }

    @Test
    void theEstimatesAreReadFromTheEndAsPrusaSlicerWritesThem() throws Exception {
        // The closing block of a PrusaSlicer 2.5.0 G-code (Marlin 2, silent mode on), as written on this machine.
        Path gcode = Files.writeString(folder.resolve("part.gcode"), "G1 X1 Y1\n".repeat(100_000) + """
                ; filament used [mm] = 1491.16
                ; filament used [cm3] = 3.59
                ; filament used [g] = 4.45
                ; filament cost = 0.11
                ; total filament used [g] = 4.45
                ; total filament cost = 0.11
                ; estimated printing time (normal mode) = 1h 13m 45s
                ; estimated printing time (silent mode) = 1h 20m 37s

                ; prusaslicer_config = begin
                ; layer_height = 0.2
                ; prusaslicer_config = end
                """);

        Slicer.Sliced sliced = GcodeSummary.read(gcode);

        assertThat(sliced.words()).isEqualTo("1h 13m 45s, 1.49 m of filament (4.5 g)");
    }
}
