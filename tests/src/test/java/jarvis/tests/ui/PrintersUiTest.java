package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.printers.MoonrakerPrinter;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.watch.Verdict;
import jarvis.devices.watch.VerdictBook;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.jobs.JobState;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Shells;
import jarvis.ui.printers.PrintersView;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
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

    /** Whether the chart's picture has a pixel of the nozzle's orange (#f08c00) in it. */
    private static boolean nozzleDrawn(Node chart) {
        Image picture = ((ImageView) chart.lookup("ImageView")).getImage();
        PixelReader pixels = picture.getPixelReader();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                Color colour = pixels.getColor(x, y);
                if (colour.getOpacity() > 0.5 && colour.getRed() > 0.85 && colour.getGreen() > 0.45 && colour.getGreen() < 0.65
                        && colour.getBlue() < 0.15) {
                    return true;
                }
            }
        }
        return false;
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
        // The temperature chart draws the nozzle's line (orange) on its scale once two readings are in.
        await().atMost(Duration.ofSeconds(10)).until(() -> nozzleDrawn(robot.lookup("#printer-voron .temperature-chart").queryAs(Node.class)));
        assertThat(robot.lookup("#printer-voron .temperature-chart").queryAs(Node.class).lookupAll(".label").stream()
                .map(node -> ((Label) node).getText())).allMatch(line -> line.matches("-?\\d+ °C"));

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

    @Test
    void aFileDroppedOnATileIsSentAsAJobAndStartedOnlyOnceAPersonSaysSo(FxRobot robot) throws Exception {
        try (CameraSimulator camera = new CameraSimulator("pi", "raspberry")) {
            core.cameras().add(new CameraBook.Entry("Voron cam", URI.create(camera.baseUrl() + "/hd.jpg"), ""), "");
            core.printers().linkCamera("Voron", Optional.of("Voron cam"));
            robot.clickOn("#rail-printers");
            await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-voron").equals("Idle"));
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#printer-picture-voron").tryQuery()
                    .map(node -> ((ImageView) node).getImage() != null && node.isVisible()).orElse(false));

            Path file = home.resolve("bracket.gcode");
            Files.writeString(file, "G1 X10 Y10 F3000\n".repeat(20_000));
            PrintersView view = robot.lookup("#printers-view").queryAs(PrintersView.class);
            robot.interact(() -> assertThat(view.drop("Voron", file)).isTrue());

            // Sent first, as a job; then starting heats and moves the printer, so a person confirms it.
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirmation-dialog").tryQuery().isPresent());
            assertThat(moonraker.uploads()).containsExactly("bracket.gcode");
            assertThat(moonraker.commands()).isEmpty();
            assertThat(core.storage().join().jobs().newest(5)).anySatisfy(job -> {
                assertThat(job.title()).isEqualTo("Send bracket.gcode to Voron");
                assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(job.progress()).isEqualTo(1.0);
            });
            Screenshots.save(robot, view.getScene(), "printers-drop.png");
            robot.clickOn("#confirmation-do-it");
            await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "printer-state-voron").equals("Printing"));
            assertThat(moonraker.commands()).containsExactly("start bracket.gcode");
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#printer-voron").queryAs(Node.class).lookupAll(".label").stream()
                    .map(node -> ((Label) node).getText()).anyMatch(line -> line.contains("layer ") && line.contains(" of 120")));
            assertThat(text(robot, "printer-filament-voron")).startsWith("Filament: ").endsWith("m used");
            Screenshots.save(robot, view.getScene(), "printers-printing.png");
        }
    }

    @Test
    void aPrinterIsAddedAndRemovedInSettingsWithItsKeyKeptAsASecret(FxRobot robot) throws Exception {
        robot.clickOn("#rail-settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#printer-setup-rows").tryQuery()
                .map(rows -> ((VBox) rows).getChildren().size() == 2).orElse(false));
        @SuppressWarnings("unchecked")
        ChoiceBox<PrinterBook.Kind> kind = robot.lookup("#printer-setup-kind").queryAs(ChoiceBox.class);

        robot.interact(() -> {
            kind.setValue(PrinterBook.Kind.MOONRAKER);
            robot.lookup("#printer-setup-name").queryAs(TextField.class).setText("Trident");
            robot.lookup("#printer-setup-address").queryAs(TextField.class).setText("voron.local:7125");
        });
        robot.interact(() -> robot.lookup("#printer-setup-add").queryButton().fire());
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "printer-setup-status").contains("is not an address for Moonraker"));
        assertThat(core.printers().entry("Trident")).isEmpty();

        robot.interact(() -> {
            robot.lookup("#printer-setup-address").queryAs(TextField.class).setText(moonraker.baseUrl());
            robot.lookup("#printer-setup-key").queryAs(TextField.class).setText("moon-key");
        });
        robot.interact(() -> robot.lookup("#printer-setup-add").queryButton().fire());
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "printer-setup-status").startsWith("Added Trident"));
        assertThat(core.printers().entry("Trident")).hasValueSatisfying(entry -> assertThat(entry.kind()).isEqualTo(PrinterBook.Kind.MOONRAKER));
        assertThat(core.printers().hasKey("Trident")).isTrue();
        assertThat(robot.lookup("#printer-setup-key").queryAs(TextField.class).getText()).isEmpty();
        Screenshots.save(robot, robot.lookup("#printer-setup").queryAs(Node.class).getScene(), "settings-printers.png");

        robot.interact(() -> robot.lookup("#printer-setup-remove-trident").queryButton().fire());
        await().atMost(Duration.ofSeconds(5)).until(() -> core.printers().entry("Trident").isEmpty());
        assertThat(core.printers().hasKey("Trident")).isFalse();
    }

    @Test
    void theWatchsVerdictsAreReviewedWithTheirFramesAndMarkedWithAClick(FxRobot robot) throws Exception {
        Core.Storage storage = core.storage().join();
        VerdictBook verdicts = new VerdictBook(storage.database());
        Artifact frame = storage.artifacts().put("watch/Voron/20261130T101530.000Z.jpg", "image/jpeg",
                new ByteArrayInputStream(CameraSimulator.HD), Map.of("printer", "Voron"));
        long failed = verdicts.record("Voron", "bracket.gcode", Instant.parse("2026-11-30T10:15:30Z"),
                new Verdict(Verdict.Call.FAILURE, 0.97, "Spaghetti around the nozzle.", "qwen2.5vl:7b", Duration.ZERO), Optional.of(frame.id()), true);
        verdicts.record("Voron", "bracket.gcode", Instant.parse("2026-11-30T10:14:30Z"),
                new Verdict(Verdict.Call.WARNING, 0.7, "Stringing.", "qwen2.5vl:7b", Duration.ZERO), Optional.empty(), false);
        robot.clickOn("#rail-printers");
        robot.clickOn("#printers-review");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#watch-review-" + failed).tryQuery()
                .map(row -> row.lookup("ImageView") instanceof ImageView view && view.getImage() != null).orElse(false));
        assertThat(text(robot, "watch-review-precision")).contains("no alarm marked yet");
        Screenshots.save(robot, robot.lookup("#watch-review").queryAs(Node.class).getScene(), "printers-watch-review.png");

        robot.clickOn("#watch-review-wrong-" + failed);

        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "watch-review-precision").contains("precision 0 % (0 of 1 alarms right)"));
        assertThat(verdicts.recent(Optional.of("Voron"), 5)).filteredOn(stored -> stored.id() == failed).singleElement()
                .satisfies(stored -> assertThat(stored.right()).contains(false));
        robot.clickOn("#watch-review-back");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#printer-tiles").tryQuery().map(tiles -> tiles.getScene() != null).orElse(false));
    }
}
