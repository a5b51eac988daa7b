package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.devices.printers.MoonrakerPrinter;
import jarvis.devices.printers.PrinterBook;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Shells;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

/** The Printers area against the OctoPrint and Moonraker simulators: live tiles, a pause, a confirmed resume, a printer gone. */
@ExtendWith(ApplicationExtension.class)
class PrintersUiTest {

    @TempDir
    Path home;

    private final OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key");
    private final MoonrakerSimulator moonraker = new MoonrakerSimulator("moon-key");
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
        core.printers().add(new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create(moonraker.baseUrl()), Optional.empty()), "moon-key");
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        octoprint.close();
        moonraker.close();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().map(node -> ((Label) node).getText()).orElse("");
    }

    @Test
    void tilesFollowThePrintersAndTheirButtonsActThroughTheSafetyPolicy(FxRobot robot) throws Exception {
        robot.clickOn("#rail-printers");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-prusa").equals("Idle")
                && text(robot, "printer-state-voron").equals("Idle"));

        Path file = home.resolve("bracket.gcode");
        Files.writeString(file, "G28\n");
        new MoonrakerPrinter("Voron", URI.create(moonraker.baseUrl()), "moon-key", HttpClient.newHttpClient(), Duration.ofSeconds(3),
                Clock.systemUTC()).upload(file, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-voron").equals("Printing"));
        assertThat(robot.lookup("#printer-voron").queryAs(Node.class).lookupAll(".label").stream()
                .map(node -> ((Label) node).getText())).anyMatch(line -> line.equals("bracket.gcode"));

        robot.clickOn("#printer-pause-voron");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-voron").equals("Paused"));
        assertThat(moonraker.commands()).containsExactly("pause");

        // Resuming starts the heaters and motors again: a person confirms it first.
        robot.clickOn("#printer-resume-voron");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#confirmation-dialog").tryQuery().isPresent());
        Screenshots.save(robot, robot.lookup("#printers-view").queryAs(Node.class).getScene(), "printers.png");
        robot.clickOn("#confirmation-do-it");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-voron").equals("Printing"));
        assertThat(moonraker.commands()).containsExactly("pause", "resume");

        octoprint.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-problem-prusa").contains("cannot be reached"));
        assertThat(text(robot, "printer-problem-prusa")).contains("Last seen");
        // The news is in Activity (and on the desktop, where there is a way to show it).
        await().atMost(Duration.ofSeconds(5)).until(() -> core.eventLog().newestFirst().stream()
                .anyMatch(event -> event instanceof Notice notice && notice.summary().startsWith("Prusa went offline")));
        assertThat(text(robot, "printer-state-voron")).as("the other printer carries on").isIn("Printing", "Idle");
    }
}
