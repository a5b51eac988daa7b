package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.controls.ToggleSwitch;
import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.tools.Confirmation;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.Shells;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Home area against the Home Assistant simulator, driven as a person would: live states, clicks, a confirmation, Undo. */
@ExtendWith(ApplicationExtension.class)
class HomeUiTest {

    private static final String TOKEN = "llat-home-ui";

    @TempDir
    Path home;

    private HomeAssistantSimulator house;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        house = new HomeAssistantSimulator(TOKEN).withArea("workshop", "Workshop").withArea("hall", "Hall")
                .withEntity("light.bench", "on", "Bench light", "workshop").withAttribute("light.bench", "brightness", 180)
                .withEntity("switch.compressor", "off", "Compressor", "workshop")
                .withEntity("sensor.bench_temperature", "21.5", "Bench temperature", "workshop")
                .withAttribute("sensor.bench_temperature", "unit_of_measurement", "°C")
                .withEntity("lock.front_door", "locked", "Front door", "hall")
                .withCamera("camera.bench", "Bench camera", "workshop")
                .withEntity("climate.shop", "heat", "Shop heater", "workshop").withAttribute("climate.shop", "temperature", 19)
                .withAttribute("climate.shop", "current_temperature", 17).withListAttribute("climate.shop", "hvac_modes", "off", "heat");
        core = new Core(new DataFolder(home), Map.of("HASS_SERVER", house.baseUrl(), "HASS_TOKEN", TOKEN));
        core.openStorage();
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        house.close();
    }

    private void awaitRow(FxRobot robot, String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#" + id).tryQuery().isPresent());
    }

    private boolean switchedOn(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(ToggleSwitch.class).isSelected();
    }

    @Test
    void theHouseIsShownLiveAndAClickCallsTheServiceAndUndoRestoresIt(FxRobot robot) throws Exception {
        robot.clickOn("#rail-home");
        awaitRow(robot, "home-light-bench");
        assertThat(robot.lookup("#home-sensor-bench_temperature").queryAs(Node.class)).isNotNull();
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText).contains("Workshop", "Hall", "21.5 °C");
        assertThat(switchedOn(robot, "toggle-light-bench")).isTrue();
        javafx.scene.image.ImageView thumbnail = robot.lookup("#thumbnail-camera-bench").queryAs(javafx.scene.image.ImageView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> thumbnail.getImage().getProgress() == 1.0);
        assertThat(thumbnail.getImage().isError()).as("the camera proxy's picture, with its token").isFalse();
        assertThat(thumbnail.getImage().getWidth()).isEqualTo(160);

        // A change in the house shows without anyone asking.
        house.setState("light.bench", "off");
        await().atMost(Duration.ofSeconds(5)).until(() -> !switchedOn(robot, "toggle-light-bench"));

        // A click calls the service, and Undo puts the previous state back.
        robot.clickOn("#toggle-switch-compressor");
        await().atMost(Duration.ofSeconds(5)).until(() -> house.calls().size() == 1);
        assertThat(house.calls().getFirst().service()).isEqualTo("turn_on");
        assertThat(house.calls().getFirst().entityIds()).containsExactly("switch.compressor");
        await().atMost(Duration.ofSeconds(5)).until(() -> switchedOn(robot, "toggle-switch-compressor"));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#home-undo").queryAs(Node.class).isVisible());
        robot.clickOn("#home-undo");
        await().atMost(Duration.ofSeconds(5)).until(() -> house.calls().size() == 2);
        assertThat(house.calls().get(1).service()).isEqualTo("turn_off");
        await().atMost(Duration.ofSeconds(5)).until(() -> !switchedOn(robot, "toggle-switch-compressor"));

        // A climate device's mode is chosen from the modes it has.
        robot.interact(() -> robot.lookup("#mode-climate-shop").queryAs(javafx.scene.control.ComboBox.class).setValue("off"));
        await().atMost(Duration.ofSeconds(5)).until(() -> house.calls().size() == 3);
        assertThat(house.calls().get(2).service()).isEqualTo("set_hvac_mode");
        assertThat(house.calls().get(2).data().path("hvac_mode").asText()).isEqualTo("off");
        Screenshots.save(robot, shell.stage().getScene(), "home.png");
    }

    @Test
    void aHazardousClickWaitsForThePersonsConfirmation(FxRobot robot) throws Exception {
        robot.clickOn("#rail-home");
        awaitRow(robot, "home-lock-front_door");
        robot.clickOn("Unlock");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#confirmation-dialog").tryQuery().isPresent());
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Unlock Front door?", "Front door is locked", "a click in the Home area");
        Screenshots.save(robot, robot.lookup("#confirmation-dialog").queryAs(Node.class).getScene(), "confirmation.png");
        robot.clickOn("#confirmation-dont");
        await().atMost(Duration.ofSeconds(5)).until(() -> core.storage().join().audit().since(Instant.EPOCH).size() == 1);
        assertThat(house.calls()).isEmpty();
        assertThat(core.storage().join().audit().since(Instant.EPOCH).getFirst().confirmation()).isEqualTo(Confirmation.Decision.REFUSED);

        robot.clickOn("Unlock");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#confirmation-do-it").tryQuery().isPresent());
        robot.clickOn("#confirmation-do-it");
        await().atMost(Duration.ofSeconds(5)).until(() -> house.calls().size() == 1);
        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::service).isEqualTo(List.of("unlock"));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("Lock").tryQuery().isPresent());

        // Marked hazardous in the Home area: the compressor now asks first too, and the setting says so.
        robot.clickOn("#mark-switch-compressor");
        assertThat(core.settings().get(jarvis.orchestrator.settings.SettingsSchema.SAFETY_HAZARDOUS)).isEqualTo("switch.compressor");
        robot.clickOn("#toggle-switch-compressor");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#confirmation-dialog").tryQuery().isPresent());
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText).contains("Compressor is marked hazardous.");
        robot.clickOn("#confirmation-dont");
        await().atMost(Duration.ofSeconds(5)).until(() -> core.storage().join().audit().since(Instant.EPOCH).size() == 3);
        assertThat(house.calls()).hasSize(1);
        await("the switch goes back to how the device is").atMost(Duration.ofSeconds(5))
                .until(() -> !robot.lookup("#toggle-switch-compressor").queryAs(ToggleSwitch.class).isSelected());

        // Activity shows the audit log: who asked, how it was confirmed, what came of it.
        robot.clickOn("#rail-activity");
        javafx.scene.control.TableView<?> actions = robot.lookup("#actions-table").queryAs(javafx.scene.control.TableView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> actions.getItems().size() == 3);
        Screenshots.save(robot, shell.stage().getScene(), "activity-actions.png");
    }

    @Test
    void aDeviceCommandInTheChatBoxShowsItsCardAndUndoPutsTheLightBack(FxRobot robot) throws Exception {
        robot.clickOn("#chat-input").write("turn off the bench light").type(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tool-card-undo").tryQuery().isPresent());
        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::service).containsExactly("turn_off");
        assertThat(robot.lookup(".tool-card .label").queryAllAs(Label.class)).extracting(Label::getText).contains("Turned off Bench light.");
        robot.clickOn("#tool-card-undo");
        await().atMost(Duration.ofSeconds(5)).until(() -> house.calls().size() == 2);
        assertThat(house.calls().get(1).service()).isEqualTo("turn_on");
        assertThat(house.calls().get(1).data().path("brightness_pct").asInt()).as("180 of 255").isEqualTo(71);
        Screenshots.save(robot, shell.stage().getScene(), "chat-tool-card.png");
    }

    @Test
    void aSourceThatGoesAwayGreysItsDevicesWithTheTimeOfTheirLastUpdate(FxRobot robot) {
        robot.clickOn("#rail-home");
        awaitRow(robot, "home-light-bench");
        house.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#home-light-bench").queryAs(Node.class).getStyleClass().contains("stale"));
        assertThat(robot.lookup("#toggle-light-bench").queryAs(ToggleSwitch.class).isDisabled()).as("no command to a source that is away").isTrue();
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(text -> assertThat(text).startsWith("As of ").endsWith("Home Assistant is not connected"));
    }
}
