package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.devices.cameras.CameraBook;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.support.Shells;
import jarvis.ui.shell.Area;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Cameras area against the camera simulator: live tiles for a snapshot camera and an MJPEG stream, a camera that
 * fails said on its tile, a camera opened large, a snapshot stored as an artifact, and no camera read once the area
 * is left.
 */
@ExtendWith(ApplicationExtension.class)
class CamerasUiTest {

    @TempDir
    Path home;

    private final CameraSimulator cameras = new CameraSimulator("pi", "raspberry");
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        CameraBook book = core.cameras();
        book.add(new CameraBook.Entry("Bench", CameraBook.Kind.HTTP, URI.create(cameras.baseUrl() + "/snapshot"), "pi", "", Duration.ofMillis(300)),
                "raspberry");
        book.add(new CameraBook.Entry("Door", URI.create(cameras.baseUrl() + "/?action=stream"), ""), "");
        book.add(new CameraBook.Entry("Attic", URI.create(cameras.baseUrl() + "/login"), ""), "");
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        cameras.close();
    }

    private boolean hasPicture(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().map(node -> ((ImageView) node).getImage() != null).orElse(false);
    }

    @Test
    void tilesShowEachCamerasPictureAndASnapshotIsStoredAsAnArtifact(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> shell.window().selectedArea().get() == Area.CAMERAS);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasPicture(robot, "camera-picture-bench") && hasPicture(robot, "camera-picture-door"));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#camera-problem-attic").tryQuery()
                .map(node -> ((Label) node).getText()).orElse("").contains("not a picture"));
        assertThat(hasPicture(robot, "camera-picture-attic")).isFalse();
        Screenshots.save(robot, robot.lookup("#cameras-view").queryAs(Node.class).getScene(), "cameras.png");

        robot.clickOn("#camera-snapshot-bench");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cameras-status").queryAs(Label.class).getText().startsWith("Saved Bench"));
        List<Artifact> stored = core.storage().join().artifacts().list("cameras/Bench/");
        assertThat(stored).hasSize(1);
        try (InputStream bytes = core.storage().join().artifacts().open(stored.getFirst().id())) {
            assertThat(bytes.readAllBytes()).isEqualTo(CameraSimulator.jpeg(2));
        }

        robot.clickOn("#camera-picture-door");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasPicture(robot, "camera-full-picture"));
        robot.clickOn("#camera-full-back");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#camera-tiles").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#camera-full-picture").tryQuery().map(node -> node.getScene() == null).orElse(true));

        robot.clickOn("#rail-printers");
        // Reads under way when the area was left may still end; after that, none begins.
        Thread.sleep(1000);
        int requests = cameras.requests();
        Thread.sleep(1500);
        assertThat(cameras.requests()).as("no camera is read while the area is hidden").isEqualTo(requests);
    }
}
