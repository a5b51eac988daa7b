package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.tests.support.Shells;
import jarvis.ui.fx.FxExecutor;
import jarvis.ui.shell.Area;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window on JavaFX's headless platform, driven as a person would: clicks, keys, typing. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    @TempDir
    Path home;

    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
    }

    @Test
    void windowOpensAtItsDefaultSizeShowingOnlyTheAreasThatWork(FxRobot robot) {
        assertThat(shell.stage().isShowing()).isTrue();
        assertThat(shell.stage().getWidth()).isEqualTo(1280);
        assertThat(shell.stage().getHeight()).isEqualTo(800);
        assertThat(robot.lookup("#rail-activity").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-settings").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-chat").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-home").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-printers").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-cameras").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-cad").tryQuery()).isPresent();
        assertThat(robot.lookup("#rail-studio").tryQuery()).isPresent();
        assertThat(shell.window().selectedArea().get()).isEqualTo(Area.CHAT);
        assertThat(robot.lookup("#status-database").tryQuery()).isPresent();
        assertThat(robot.lookup("#status-ollama").tryQuery()).isPresent();
    }

    @Test
    void aPictureOfTheWindowCanBeTakenForPeopleToLookAt(FxRobot robot) throws Exception {
        robot.clickOn("#rail-settings");
        Path settings = Screenshots.save(robot, shell.stage().getScene(), "settings.png");
        robot.clickOn("#rail-activity");
        robot.interact(() -> shell.window().showMessage("Jarvis cannot open .xyz files yet (notes.xyz)."));
        Path activity = Screenshots.save(robot, shell.stage().getScene(), "activity.png");
        assertThat(javax.imageio.ImageIO.read(settings.toFile()).getWidth()).isEqualTo(1280);
        assertThat(Files.size(activity)).isGreaterThan(10_000);
    }

    @Test
    void theWindowRemembersItsSizeAndPlace(FxRobot robot) {
        robot.interact(() -> {
            shell.stage().setWidth(1000);
            shell.stage().setHeight(700);
            shell.stage().setX(40);
            shell.stage().setY(30);
            shell.close();
        });
        AtomicReference<Stage> reopened = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = new Stage();
            new DesktopShell(core, new FxExecutor(), stage, () -> { });
            reopened.set(stage);
        });
        assertThat(reopened.get().getWidth()).isEqualTo(1000);
        assertThat(reopened.get().getHeight()).isEqualTo(700);
        assertThat(reopened.get().getX()).isEqualTo(40);
        assertThat(reopened.get().getY()).isEqualTo(30);
    }

    @Test
    void aJobStartedInActivityShowsInTheJobListUntilItSucceeds(FxRobot robot) throws Exception {
        try (var in = new java.io.ByteArrayInputStream("solid part".getBytes())) {
            core.storage().join().artifacts().put("meshes/part.stl", "model/stl", in, Map.of());
        }
        robot.clickOn("#rail-activity");
        robot.clickOn("#verify-artifacts");
        TableView<?> jobs = robot.lookup("#jobs-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.getItems().stream()
                .anyMatch(job -> ((JobRecord) job).state() == JobState.SUCCEEDED));
        JobRecord done = (JobRecord) jobs.getItems().getFirst();
        assertThat(done.title()).isEqualTo("Verify artifacts");
        assertThat(done.message()).isEqualTo("1 artifact checked, intact");
    }

    @Test
    void railSwitchesAreasByClickAndByShortcut(FxRobot robot) {
        robot.clickOn("#rail-settings");
        assertThat(shell.window().selectedArea().get()).isEqualTo(Area.SETTINGS);
        assertThat(robot.lookup("#settings-view").tryQuery()).isPresent();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        assertThat(shell.window().selectedArea().get()).isEqualTo(Area.ACTIVITY);
        assertThat(robot.lookup("#activity-view").tryQuery()).isPresent();

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        assertThat(shell.window().selectedArea().get()).isEqualTo(Area.SETTINGS);
    }

    /** Closes the window and the core as quitting does, and opens both again on the same data folder. */
    private void restart(FxRobot robot) {
        robot.interact(() -> {
            shell.close();
            shell.stage().hide();
        });
        core.close();
        core = new Core(new DataFolder(home), Map.of());
        core.openStorage();
        robot.interact(() -> {
            Stage stage = new Stage();
            shell = new DesktopShell(core, new FxExecutor(), stage, () -> { });
            stage.show();
        });
    }

    @Test
    void aSettingChangedInSettingsSurvivesARestart(FxRobot robot) throws Exception {
        robot.clickOn("#rail-settings");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> model = robot.lookup("#setting-ollama-model").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> model.getEditor().setText(""));
        robot.clickOn(model.getEditor()).write("qwen3:8b").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("settings.json"))
                && Files.readString(home.resolve("settings.json")).contains("qwen3:8b"));

        restart(robot);
        robot.clickOn("#rail-settings");
        assertThat(robot.lookup("#setting-ollama-model").queryAs(javafx.scene.control.ComboBox.class).getValue()).isEqualTo("qwen3:8b");
        assertThat(core.settings().get(SettingsSchema.OLLAMA_MODEL)).isEqualTo("qwen3:8b");
    }

    @Test
    void aBrokenSettingsFileStillOpensTheWindowAndSaysSo(FxRobot robot) throws Exception {
        Files.writeString(home.resolve("settings.json"), "{\"ollama.url\": 11434}");
        robot.interact(() -> {
            shell.close();
            shell.stage().hide();
        });
        core.close();
        core = new Core(new DataFolder(home), Map.of());
        robot.interact(() -> {
            Stage stage = new Stage();
            shell = new DesktopShell(core, new FxExecutor(), stage, () -> { });
            stage.show();
        });
        Label banner = robot.lookup("#banner").queryAs(Label.class);
        assertThat(banner.getText()).contains("settings.json").contains("ollama.url").contains("expected an address as text");
        robot.clickOn("#rail-settings");
        assertThat(robot.lookup("#settings-problems").queryAs(Label.class).getText()).contains("ollama.url");
        assertThat(Files.readString(home.resolve("settings.json"))).isEqualTo("{\"ollama.url\": 11434}");
    }

    @Test
    void theThemeFollowsTheSettingWithoutARestart(FxRobot robot) throws Exception {
        core.settings().set("ui.theme", "dark");
        await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(javafx.application.Application.getUserAgentStylesheet()).contains("primer-dark"));
        core.settings().set("ui.theme", "light");
        await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(javafx.application.Application.getUserAgentStylesheet()).contains("primer-light"));
    }

    @Test
    void anInvalidValueShowsItsErrorBesideTheField(FxRobot robot) {
        robot.clickOn("#rail-settings");
        TextField url = robot.lookup("#setting-ollama-url").queryAs(TextField.class);
        robot.interact(() -> url.setText(""));
        robot.clickOn(url).write("not a url").type(KeyCode.ENTER);
        Label error = robot.lookup("#error-ollama-url").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).contains("not an http(s) address");
        assertThat(core.settings().get(SettingsSchema.OLLAMA_URL)).isEqualTo("http://127.0.0.1:11434");
    }

    @Test
    void aDroppedFileOfAnUnhandledTypeShowsAMessageNamingTheType(FxRobot robot) throws Exception {
        Path dropped = Files.writeString(home.resolve("notes.xyz"), "hello");
        robot.interact(() -> shell.window().acceptFiles(List.of(dropped)));
        Label banner = robot.lookup("#banner").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains(".xyz files").contains("notes.xyz");
    }

    @Test
    void steppingThroughThemesWithTheArrowKeysAppliesOnlyWhereItStops(FxRobot robot) throws Exception {
        robot.clickOn("#rail-settings");
        java.util.List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscription = core.bus().subscribe(jarvis.orchestrator.settings.SettingChanged.class, change -> {
            if (change.name().equals("ui.theme")) {
                applied.add(change.value());
            }
        });
        try {
            javafx.scene.control.ComboBox<?> theme = robot.lookup("#setting-ui-theme").queryAs(javafx.scene.control.ComboBox.class);
            robot.interact(theme::requestFocus);
            robot.type(KeyCode.DOWN).type(KeyCode.DOWN);
            assertThat(theme.getValue()).isEqualTo("dark");
            // One change comes, and no second one follows while half a second passes.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> applied.equals(List.of("dark")));
        } finally {
            subscription.close();
        }
    }

    @Test
    void theConversationListKeepsTheWidthThePersonGaveItAcrossARestart(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#chat-view").tryQuery().isPresent());
        jarvis.ui.chat.ChatView chat = robot.lookup("#chat-view").queryAs(jarvis.ui.chat.ChatView.class);
        double before = robot.lookup("#conversation-pane").queryAs(javafx.scene.layout.Region.class).getWidth();
        // A drag of the divider, as the split pane sees it: the divider moves, and the press ends on it.
        Node divider = chat.lookup(".split-pane-divider");
        robot.interact(() -> chat.setDividerPosition(0, (before + 60) / chat.getWidth()));
        robot.interact(() -> javafx.event.Event.fireEvent(divider, new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_RELEASED,
                0, 0, 0, 0, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, false, false, false, false, false,
                false, null)));
        double dragged = robot.lookup("#conversation-pane").queryAs(javafx.scene.layout.Region.class).getWidth();
        assertThat(dragged).isGreaterThan(before + 40);
        assertThat(chat.listWidth()).isCloseTo(dragged, org.assertj.core.data.Offset.offset(1.0));
        restart(robot);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#conversation-pane").tryQuery().isPresent());
        assertThat(robot.lookup("#chat-view").queryAs(jarvis.ui.chat.ChatView.class).listWidth()).isCloseTo(dragged,
                org.assertj.core.data.Offset.offset(1.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> Math.abs(robot.lookup("#conversation-pane")
                .queryAs(javafx.scene.layout.Region.class).getWidth() - dragged) < 6);
    }

    @Test
    void newEventsArriveOnTopWithoutMovingWhatThePersonScrolledDownToRead(FxRobot robot) throws Exception {
        robot.clickOn("#rail-activity");
        for (int i = 0; i < 60; i++) {
            core.bus().publish(jarvis.orchestrator.events.Notice.info("test", "Event number " + i));
        }
        javafx.scene.control.TableView<?> events = robot.lookup("#events-table").queryAs(javafx.scene.control.TableView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.getItems().size() >= 60);
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) events.lookup(".virtual-flow");

        // Looking at the top, a new event is seen arriving there.
        robot.interact(() -> flow.scrollToTop(0));
        core.bus().publish(jarvis.orchestrator.events.Notice.info("test", "Arrives in view"));
        await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(((jarvis.orchestrator.events.Event) events.getItems().getFirst())
                .summary()).equals("Arrives in view"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.getFirstVisibleCell().getIndex()).isZero();

        // Scrolled down to read, what is read stays where it is.
        robot.interact(() -> flow.scrollToTop(30));
        WaitForAsyncUtils.waitForFxEvents();
        Object read = events.getItems().get(flow.getFirstVisibleCell().getIndex());
        core.bus().publish(jarvis.orchestrator.events.Notice.info("test", "Arrives above"));
        await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(((jarvis.orchestrator.events.Event) events.getItems().getFirst())
                .summary()).equals("Arrives above"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(events.getItems().get(flow.getFirstVisibleCell().getIndex())).isSameAs(read);
    }
}
