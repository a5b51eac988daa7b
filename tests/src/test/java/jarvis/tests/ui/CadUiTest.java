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
import jarvis.tests.support.Shells;
import jarvis.ui.shell.Area;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
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
class CadUiTest {

    @TempDir
    Path home;

    private final OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key");
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        octoprint.close();
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
        Screenshots.save(robot, shell.stage().getScene(), "cad-parameters.png");

        // A typed value that cuts the clip in two is refused in words, and the part shown stays.
        robot.clickOn("#cad-parameter-cable-value").eraseText(1).write("12").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "cad-status").contains("2 separate pieces"));
        assertThat(core.storage().join().artifacts().versions("parts/clip.stl")).hasSize(2);
        assertThat(text(robot, "cad-title")).isEqualTo("clip.stl (version 2)");
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
