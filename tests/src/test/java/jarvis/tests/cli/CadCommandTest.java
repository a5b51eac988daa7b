package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.app.Core;
import jarvis.devices.printers.PrinterBook;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Cli;
import java.nio.ByteBuffer;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis cad info}: a part's numbers in words and in JSON, an open mesh's volume not trusted, a broken file said. */
public class CadCommandTest {

    @TempDir
    Path home;

    /** A binary STL of a box {@code x} × {@code y} × {@code z} mm; without its top when {@code open}. */
    public static byte[] box(float x, float y, float z, boolean open) {
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
        Cli.Result missing = Cli.run(home, Map.of(), "cad", "info", home.resolve("bracket.step").toString());
        assertThat(missing.err()).contains("There is no file");
        Cli.Result drawing = Cli.run(home, Map.of(), "cad", "info", Files.writeString(home.resolve("plan.dxf"), "0\nSECTION\n").toString());
        assertThat(drawing.err()).contains("plan.dxf is not a part Jarvis reads");
    }

    @Test
    void aPartIsCheckedAgainstEachPrintersBuildVolumeAsThePrinterSaysIt() throws Exception {
        try (OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key"); MoonrakerSimulator moonraker = new MoonrakerSimulator("");
             Core core = new Core(new DataFolder(home), Map.of())) {
            core.openStorage();
            core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
            core.printers().add(new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create(moonraker.baseUrl()), Optional.empty()), "");
            core.printers().add(new PrinterBook.Entry("Mini", PrinterBook.Kind.BAMBU, URI.create("mqtts://127.0.0.1:9"), Optional.of("0309DA2B1200417")),
                    "12345678");
            core.printers().add(new PrinterBook.Entry("Attic", PrinterBook.Kind.OCTOPRINT, URI.create("http://127.0.0.1:9"), Optional.empty()), "k");
            core.close();
            Path tower = Files.write(home.resolve("tower.stl"), box(200, 100, 220, false));

            Cli.Result said = Cli.run(home, Map.of(), "cad", "info", tower.toString());

            assertThat(said.status()).as(said.err()).isZero();
            // OctoPrint's current profile (250 × 210 × 210), Klipper's axis limits (300 × 308 × 280), a Bambu A1 mini by its serial.
            assertThat(said.out()).contains("Printer Prusa: too tall: 220.0 mm high for Prusa's 210 mm", "Printer Voron: fits Voron",
                    "Printer Mini: too wide", "Printer Attic: could not ask Attic its build volume");
            Cli.Result json = Cli.run(home, Map.of(), "cad", "info", Files.write(home.resolve("clip.stl"), box(40, 20, 5, false)).toString(), "--json");
            assertThat(json.out()).containsPattern("\"printer\" : \"Prusa\",\\R\\s*\"fits\" : true").contains("\"verdict\" : \"unknown\"");
        }
    }

    @Test
    void aPartIsSlicedByPrusaSlicerForAPrinterOnlyWhenItFits() throws Exception {
        try (OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key"); Core core = new Core(new DataFolder(home), Map.of())) {
            core.openStorage();
            core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
            core.printers().add(new PrinterBook.Entry("Mini", PrinterBook.Kind.BAMBU, URI.create("mqtts://127.0.0.1:9"), Optional.of("0309DA2B1200417")),
                    "12345678");
            core.close();
            Path bracket = Files.write(home.resolve("bracket.stl"), box(40, 20, 5, false));

            Cli.Result sliced = Cli.run(home, Map.of(), "cad", "slice", bracket.toString(), "--printer", "prusa", "-o", home.resolve("b.gcode").toString());

            assertThat(sliced.status()).as(sliced.err()).isZero();
            assertThat(sliced.out()).containsPattern("Sliced bracket.stl for prusa into .*b.gcode: (\\d+h )?\\d+m \\d+s, \\d+\\.\\d\\d m of filament \\(\\d+\\.\\d g\\)");
            assertThat(sliced.err()).contains("Infilling layers", "100 % Sliced");
            String gcode = Files.readString(home.resolve("b.gcode"));
            assertThat(gcode).contains("; generated by PrusaSlicer", "M104 S215", "; layer_height = 0.2");
            // Centred on OctoPrint's 250 × 210 bed: the first perimeter moves lie around (125, 105).
            assertThat(gcode).containsPattern("G1 X1[01][0-9]\\.\\d+ Y9[0-9]\\.\\d+");
            assertThat(home.resolve("slicer/prusa.ini")).content().contains("Jarvis's profile for Prusa (OctoPrint)", "temperature = 215");

            Cli.Result tall = Cli.run(home, Map.of(), "cad", "slice", Files.write(home.resolve("tower.stl"), box(20, 20, 230, false)).toString(),
                    "--printer", "Prusa");
            assertThat(tall.status()).isEqualTo(2);
            assertThat(tall.err()).contains("tower.stl is not sliced: it is too tall: 230.0 mm high for Prusa's 210 mm");
            assertThat(home.resolve("tower.gcode")).doesNotExist();
            assertThat(Cli.run(home, Map.of(), "cad", "slice", bracket.toString(), "--printer", "Mini").err()).contains("is a Bambu", "Bambu Studio");
            assertThat(Cli.run(home, Map.of(), "cad", "slice", bracket.toString(), "--printer", "Ender").err()).contains("There is no printer 'Ender'");
        }
    }

    @Test
    void aStepFilesHeaderIsReadAndItsGeometryConvertedByPrusaSlicer() throws Exception {
        Path box = home.resolve("box.step");
        try (var in = CadCommandTest.class.getResourceAsStream("/cad/box.step")) {
            Files.copy(in, box);
        }

        Cli.Result said = Cli.run(home, Map.of(), "cad", "info", box.toString());
        assertThat(said.status()).as(said.err()).isZero();
        assertThat(said.out()).contains("box.step: STEP (AUTOMOTIVE_DESIGN) from Jarvis, units: millimetre", "Products: Box",
                "box.step: 12 triangles, 1 part", "Size: 20.00 × 10.00 × 5.00 mm", "Volume: 1000.0 mm³ (a closed solid)");

        // No converter: what the header says is still shown, with why there is no geometry and what to do.
        assertThat(Cli.run(home, Map.of(), "settings", "set", "cad.stepConverter", "no-such-converter {in} {out}").status()).isZero();
        Cli.Result header = Cli.run(home, Map.of(), "cad", "info", box.toString(), "--json");
        assertThat(header.status()).as(header.err()).isZero();
        assertThat(header.out()).contains("\"schema\" : \"AUTOMOTIVE_DESIGN\"", "\"products\" : [ \"Box\" ]", "could not be started",
                "install PrusaSlicer").doesNotContain("triangles");
    }
}
