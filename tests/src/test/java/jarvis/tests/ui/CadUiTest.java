package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.devices.printers.PrinterBook;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.cad.CadToolsTest;
import jarvis.tests.cli.CadCommandTest;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.Shells;
import jarvis.ui.shell.Area;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.SubScene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Box;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The CAD area: a part dropped anywhere on the window comes here, read, analysed, checked against the printers and
 * stored as a version; a STEP file shows its header and its geometry through PrusaSlicer; a broken file is said.
 * (The headless platform draws no 3D: the preview's mesh is checked, not looked at.)
 */
@ExtendWith(ApplicationExtension.class)
public class CadUiTest {

    @TempDir
    Path home;

    private final OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key");
    private OllamaSimulator ollama;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws IOException {
        ollama = new OllamaSimulator();
        core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()));
        core.openStorage();
        core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        octoprint.close();
        ollama.close();
    }

    private static List<String> lines(FxRobot robot, String box) {
        return robot.lookup("#" + box).queryAs(VBox.class).getChildren().stream().map(node -> ((Label) node).getText()).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void aDroppedPartIsShownWithItsNumbersItsFitAndAStoredVersion(FxRobot robot) throws Exception {
        Path bracket = Files.write(home.resolve("bracket.stl"), CadCommandTest.box(40, 20, 5, false));
        robot.interact(() -> shell.window().acceptFiles(List.of(bracket)));

        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#cad-title").tryQuery().map(node -> ((Label) node).getText())
                .orElse("").equals("bracket.stl"));
        assertThat(shell.window().selectedArea().get()).isEqualTo(Area.CAD);
        assertThat(lines(robot, "cad-facts")).contains("40.0 × 20.0 × 5.0 mm", "12 triangles, 1 part", "Volume 4.00 cm³, a closed solid");
        assertThat(lines(robot, "cad-fits")).anyMatch(line -> line.startsWith("fits Prusa (40.0 × 20.0 × 5.0 mm in 250 × 210 × 210 mm)"));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#cad-parts").queryAs(ListView.class).getItems().size() == 1);
        assertThat(core.storage().join().artifacts().latest("parts/bracket.stl")).hasValueSatisfying(part -> {
            assertThat(part.version()).isEqualTo(1);
            assertThat(part.metadata()).containsEntry("source", bracket.toAbsolutePath().toString()).containsEntry("triangles", "12");
        });
        Screenshots.save(robot, shell.stage().getScene(), "cad.png");
        if (Platform.isSupported(ConditionalFeature.SCENE3D)) {
            // Under Xvfb with a GPU pipeline (.ci/run's 3D step) the part is drawn: its blue covers a good part of the view.
            assertThat(partPixels(robot)).as("pixels of the part's blue in the 3D view").isGreaterThan(2_000);
        }

        assertThat(core.partOnBench()).as("the part shown is the one \"this part\" means").hasValue("bracket.stl");
        // Its picture in the list, made from the part and kept beside it.
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cad-thumbnail-bracket").tryQuery()
                .map(node -> ((ImageView) node).getImage() != null).orElse(false));
        assertThat(core.storage().join().artifacts().list("thumbnails/parts/")).hasSize(1);
        // It stands on the Prusa's plate, 250 × 210 mm.
        Box plate = (Box) inThreeD(robot, "#cad-plate");
        assertThat(List.of(plate.getWidth(), plate.getDepth())).containsExactly(250.0, 210.0);

        // Printed from the bench: sliced and sent as jobs, then started once a person confirms in the dialog.
        robot.clickOn("#cad-print-Prusa");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirmation-dialog").tryQuery().isPresent());
        assertThat(octoprint.uploads()).as("nothing is sent before the person says yes").isEmpty();
        robot.clickOn("#confirmation-do-it");
        await().atMost(Duration.ofSeconds(60)).until(() -> text(robot, "cad-status").startsWith("Printing bracket.stl on Prusa"));
        assertThat(octoprint.uploads()).singleElement().asString().startsWith("bracket-Prusa.gcode ");

        // Dropped again after a change: a second version of the same part.
        Files.write(bracket, CadCommandTest.box(40, 20, 8, false));
        robot.interact(() -> shell.window().acceptFiles(List.of(bracket)));
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(robot, "cad-facts").contains("40.0 × 20.0 × 8.0 mm"));
        assertThat(core.storage().join().artifacts().versions("parts/bracket.stl")).hasSize(2);

        // The earlier version, chosen from the part's versions, is shown again.
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#cad-versions").queryComboBox().getItems().size() == 2);
        robot.interact(() -> robot.lookup("#cad-versions").queryComboBox().getSelectionModel().select(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> text(robot, "cad-title").equals("bracket.stl (version 1)"));
        assertThat(lines(robot, "cad-facts")).contains("40.0 × 20.0 × 5.0 mm");
    }

    @Test
    void overhangsAreCountedAndShownInTheirOwnColour(FxRobot robot) throws Exception {
        // A bridge: a deck 10 mm up on two pillars. The deck's underside between the pillars hangs over nothing.
        Path bridge = Files.write(home.resolve("bridge.stl"), joined(CadCommandTest.box(5, 10, 10, false),
                moved(CadCommandTest.box(5, 10, 10, false), 35, 0, 0), moved(CadCommandTest.box(40, 10, 5, false), 0, 0, 10)));
        robot.interact(() -> shell.window().acceptFiles(List.of(bridge)));
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#cad-title").tryQuery().map(node -> ((Label) node).getText())
                .orElse("").equals("bridge.stl"));

        assertThat(lines(robot, "cad-facts")).contains("2 faces overhang more than 45° (Overhangs shows them)");
        MeshView part = (MeshView) inThreeD(robot, "#cad-part-mesh");
        assertThat(textures(part)).as("all blue at first").containsOnly(0);
        robot.clickOn("#cad-overhangs");
        assertThat(textures(part)).as("the deck's two underside triangles in orange").filteredOn(t -> t == 1).hasSize(2 * 3);
        Screenshots.save(robot, shell.stage().getScene(), "cad-overhangs.png");
        robot.clickOn("#cad-overhangs");
        assertThat(textures(part)).containsOnly(0);
    }

    /** A node of the 3D view's own scene, which lookups from the window do not enter. */
    public static Node inThreeD(FxRobot robot, String selector) {
        SubScene view = (SubScene) robot.lookup(".part-viewer").queryAs(Pane.class).getChildren().getFirst();
        return view.getRoot().lookup(selector);
    }

    /** Each face corner's texture index: 0 is the part's blue, 1 the overhangs' orange. */
    private static List<Integer> textures(MeshView part) {
        int[] faces = ((TriangleMesh) part.getMesh()).getFaces().toArray(null);
        List<Integer> textures = new java.util.ArrayList<>();
        for (int i = 1; i < faces.length; i += 2) {
            textures.add(faces[i]);
        }
        return textures;
    }

    /** A binary STL's corners moved by (x, y, z). */
    private static byte[] moved(byte[] stl, float x, float y, float z) {
        ByteBuffer buffer = ByteBuffer.wrap(stl.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int count = buffer.getInt(80);
        for (int facet = 0; facet < count; facet++) {
            for (int corner = 0; corner < 3; corner++) {
                int at = 84 + 50 * facet + 12 + 12 * corner;
                buffer.putFloat(at, buffer.getFloat(at) + x).putFloat(at + 4, buffer.getFloat(at + 4) + y).putFloat(at + 8, buffer.getFloat(at + 8) + z);
            }
        }
        return buffer.array();
    }

    /** Binary STLs' facets in one file. */
    private static byte[] joined(byte[]... stls) {
        int count = 0;
        for (byte[] stl : stls) {
            count += (stl.length - 84) / 50;
        }
        ByteBuffer out = ByteBuffer.allocate(84 + 50 * count).order(ByteOrder.LITTLE_ENDIAN);
        out.position(80);
        out.putInt(count);
        for (byte[] stl : stls) {
            out.put(stl, 84, stl.length - 84);
        }
        return out.array();
    }

    /** How many pixels of the window show the part's blue (#4c8bf5, lit and shaded): none where 3D is not drawn. */
    private long partPixels(FxRobot robot) {
        AtomicReference<WritableImage> picture = new AtomicReference<>();
        robot.interact(() -> picture.set(shell.stage().getScene().snapshot(null)));
        PixelReader pixels = picture.get().getPixelReader();
        long blue = 0;
        for (int y = 0; y < picture.get().getHeight(); y += 2) {
            for (int x = 0; x < picture.get().getWidth(); x += 2) {
                Color colour = pixels.getColor(x, y);
                if (colour.getBlue() > 0.35 && colour.getBlue() - colour.getRed() > 0.2 && colour.getBlue() - colour.getGreen() > 0.1) {
                    blue++;
                }
            }
        }
        return blue;
    }

    @Test
    void aPartMadeFromWordsIsChangedWithItsSlidersAsANewVersion(FxRobot robot) throws Exception {
        CadToolsTest.madeClip(core.storage().join().artifacts());
        Path bracket = Files.write(home.resolve("bracket.stl"), CadCommandTest.box(40, 20, 5, false));
        robot.interact(() -> shell.window().acceptFiles(List.of(bracket)));
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#cad-parts").queryAs(ListView.class).getItems().size() == 2);
        assertThat(robot.lookup("#cad-parameters").queryAs(VBox.class).getChildren()).as("a dropped part has no parameters").isEmpty();
        assertThat(text(robot, "cad-where-made")).as("said before any make").isEqualTo("Made on this machine only: no Zoo API token is set (Settings → Secrets).");

        robot.interact(() -> robot.lookup("#cad-parts").queryAs(ListView.class).getSelectionModel().select(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#cad-parameter-length").tryQuery().isPresent());
        Slider length = robot.lookup("#cad-parameter-length").queryAs(Slider.class);
        assertThat(length.getMin()).isEqualTo(10);
        assertThat(length.getMax()).isEqualTo(200);
        assertThat(length.getValue()).isEqualTo(40);
        assertThat(robot.lookup("#cad-parameter-cable-value").queryAs(TextField.class).getText()).isEqualTo("6");

        robot.interact(() -> length.setValue(52.4));
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "cad-title").equals("clip.stl (version 2)"));
        assertThat(lines(robot, "cad-facts")).contains("52.0 × 10.0 × 8.0 mm");
        assertThat(robot.lookup("#cad-parameter-length-value").queryAs(TextField.class).getText()).isEqualTo("52");
        assertThat(robot.lookup("#cad-parameter-length").queryAs(Slider.class)).as("the same parameters keep their sliders: a drag is not cut off")
                .isSameAs(length);
        Screenshots.save(robot, shell.stage().getScene(), "cad-parameters.png");

        // A typed value that cuts the clip in two is refused in words, and the part shown stays.
        robot.clickOn("#cad-parameter-cable-value").eraseText(1).write("12").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "cad-status").contains("2 separate pieces"));
        assertThat(core.storage().join().artifacts().versions("parts/clip.stl")).hasSize(2);
        assertThat(text(robot, "cad-title")).isEqualTo("clip.stl (version 2)");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#cad-parameter-cable-value").queryAs(TextField.class).getText().equals("6"));
        assertThat(robot.lookup("#cad-parameter-cable").queryAs(Slider.class).getValue()).as("the sliders are back at the part shown").isEqualTo(6);

        // Moves made while a change renders wait; only the last of them is made next.
        robot.interact(() -> {
            Slider shownLength = robot.lookup("#cad-parameter-length").queryAs(Slider.class);
            shownLength.setValue(60);
            shownLength.setValue(70);
            shownLength.setValue(80);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> text(robot, "cad-title").equals("clip.stl (version 4)"));
        assertThat(lines(robot, "cad-facts")).contains("80.0 × 10.0 × 8.0 mm");
        assertThat(core.storage().join().artifacts().versions("parts/clip.stl")).extracting(artifact -> artifact.metadata().getOrDefault("parameters", ""))
                .containsExactlyInAnyOrder("", "length=52.0, cable=6.0", "length=60.0, cable=6.0", "length=80.0, cable=6.0");

        // Back to the first version: a change starts from it, not from the newest.
        robot.interact(() -> robot.lookup("#cad-versions").queryAs(ComboBox.class).getSelectionModel().selectLast());
        await().atMost(Duration.ofSeconds(15)).until(() -> text(robot, "cad-title").equals("clip.stl (version 1)"));
        robot.clickOn("#cad-parameter-cable-value").eraseText(1).write("5").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "cad-title").equals("clip.stl (version 5)"));
        assertThat(lines(robot, "cad-facts")).as("version 1's length").contains("40.0 × 10.0 × 8.0 mm");
    }

    @Test
    void aMakeShowsStopWhileItRunsAndStopsWhenAsked(FxRobot robot) throws Exception {
        // The local model takes its time: a minute before the first word.
        ollama.enqueue(Script.answer().pause(60_000).text("```openscad\ncube(10);\n```").complete("stop", 100, 20));
        robot.interact(() -> shell.window().select(Area.CAD));
        assertThat(robot.lookup("#cad-stop").queryAs(Button.class).isVisible()).as("nothing to stop yet").isFalse();

        robot.clickOn("#cad-describe").write("a 10 mm cube").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cad-stop").queryAs(Button.class).isVisible());
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "cad-status").contains("Asking"));
        assertThat(text(robot, "cad-status")).as("its steps as they come").startsWith("a-10-mm-cube.stl: Asking ").endsWith(" for a program…");
        long start = System.nanoTime();
        robot.clickOn("#cad-stop");

        await().atMost(Duration.ofSeconds(15)).until(() -> !robot.lookup("#cad-stop").queryAs(Button.class).isVisible());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the minute the model would take").isLessThan(Duration.ofSeconds(15));
        assertThat(text(robot, "cad-status")).contains("cancelled");
        assertThat(core.storage().join().artifacts().latest("parts/a-10-mm-cube.stl")).as("nothing is kept").isEmpty();
    }

    @Test
    void aStepFileShowsItsHeaderAndGeometryAndABrokenFileIsSaid(FxRobot robot) throws Exception {
        Path box = home.resolve("box.step");
        try (InputStream in = CadUiTest.class.getResourceAsStream("/cad/box.step")) {
            Files.copy(in, box);
        }
        robot.interact(() -> shell.window().acceptFiles(List.of(box)));
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#cad-title").tryQuery().map(node -> ((Label) node).getText())
                .orElse("").equals("box.step"));
        assertThat(lines(robot, "cad-facts")).contains("STEP AUTOMOTIVE_DESIGN, from Jarvis", "Products: Box", "20.0 × 10.0 × 5.0 mm");

        Path broken = Files.write(home.resolve("broken.stl"), new byte[] {1, 2, 3});
        robot.interact(() -> shell.window().acceptFiles(List.of(broken)));
        await().atMost(Duration.ofSeconds(15)).until(() -> text(robot, "cad-status").contains("broken.stl is not an STL file"));
        assertThat(text(robot, "cad-title")).as("the part shown stays").isEqualTo("box.step");
    }
}
