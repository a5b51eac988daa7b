package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.support.Ports;
import jarvis.tests.support.Shells;
import java.nio.file.Path;
import java.time.Duration;
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

/** A newcomer without Ollama running: the chat says what is missing and how to get it, and goes once a local model answers. */
@ExtendWith(ApplicationExtension.class)
class FirstRunUiTest {

    @TempDir
    Path home;

    private int port;
    private OllamaSimulator ollama;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        port = Ports.nobodyListening();
        core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", "http://127.0.0.1:" + port));
        core.openStorage();
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        if (ollama != null) {
            ollama.close();
        }
    }

    private static boolean shows(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void withOllamaDownThePanelSaysHowToStartItAndGoesOnceItAnswers(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> shows(robot, "#first-run"));
        assertThat(text(robot, "#first-run-ollama")).isEqualTo("Ollama does not answer at http://127.0.0.1:" + port + ".");
        assertThat(shows(robot, "#first-run-install")).isTrue();
        assertThat(text(robot, "#first-run-install")).contains("ollama.com/download").contains("ollama serve");
        assertThat(shows(robot, "#chat-hint")).isFalse();

        robot.clickOn("#first-run-key").write("sk-first-run").clickOn("#first-run-save-key");
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "#first-run-cloud-status").startsWith("Saved."));
        assertThat(core.secrets().get(SecretName.OPENAI_API_KEY)).isPresent();
        assertThat(core.settings().get(SettingsSchema.CLOUD_PROVIDER)).isEqualTo("openai");
        assertThat(core.settings().get(SettingsSchema.CLOUD_MODEL)).isEqualTo("gpt-4.1-mini");

        ollama = new OllamaSimulator(port).withModel("llama3.2:latest", "completion");
        robot.clickOn("#first-run-check");
        await().atMost(Duration.ofSeconds(10)).until(() -> !shows(robot, "#first-run"));
        assertThat(shows(robot, "#chat-hint")).isTrue();
    }

    @Test
    void withOllamaUpButNoModelOneClickPullsTheDefaultWithProgress(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> shows(robot, "#first-run"));
        ollama = new OllamaSimulator(port).canPull("llama3.2");
        robot.clickOn("#first-run-check");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#first-run-ollama").startsWith("Ollama answers"));
        assertThat(text(robot, "#first-run-models")).isEqualTo("Ollama has no models yet.");
        assertThat(shows(robot, "#first-run-install")).isFalse();

        robot.clickOn("#first-run-pull");
        await().atMost(Duration.ofSeconds(15)).until(() -> !shows(robot, "#first-run"));
        assertThat(shows(robot, "#chat-hint")).isTrue();
    }
}
