package jarvis.tests.ui;

import static jarvis.tests.ui.ChatLooks.awaitIdle;
import static jarvis.tests.ui.ChatLooks.clipboard;
import static jarvis.tests.ui.ChatLooks.messagesText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.SimulatedWindow;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
 * Answering again and failing well, on the headless platform: Regenerate, edits and Ask the cloud replace the reply
 * and keep the earlier one; copying and selecting; one failed reply with what to do; stopping before any text.
 */
@ExtendWith(ApplicationExtension.class)
class ChatAnswersUiTest {

    @TempDir
    Path home;

    private SimulatedWindow window;
    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        window = SimulatedWindow.open(home, stage);
        ollama = window.ollama;
        anthropic = window.anthropic;
        core = window.core;
        shell = window.shell;
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    @Test
    void aLocalAnswerThatNeverCameSaysSoInsteadOfOpeningOntoNothing(FxRobot robot) {
        ollama.close();
        anthropic.enqueue(Script.answer().text("The cloud answers.").complete("stop", 10, 3));
        robot.clickOn("#chat-input").write("Anyone local?").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(15)).until(() -> messagesText(robot).contains("The cloud answers.")
                && robot.lookup("#replaced-local-answer").tryQuery().isPresent());
        Node fold = robot.lookup("#replaced-local-answer").query();
        assertThat(fold).isInstanceOf(Label.class);
        assertThat(((Label) fold).getText()).startsWith("No answer from llama3.2").contains("could not be reached");
    }

    @Test
    void regenerateReplacesTheReplyAndKeepsTheEarlierOneAsOneOfTwo(FxRobot robot) {
        assertThat(robot.lookup("#regenerate").queryAs(Button.class).isDisabled()).as("nothing to answer again yet").isTrue();
        assertThat(robot.lookup("#ask-cloud").queryAs(Button.class).isDisabled()).isTrue();
        ollama.enqueue(Script.answer().textWithLogprob("First answer.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#chat-input").write("Which glue for PETG?").type(KeyCode.ENTER);
        awaitIdle(robot);
        ollama.enqueue(Script.answer().textWithLogprob("Second answer.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#regenerate");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Second answer."));
        awaitIdle(robot);
        assertThat(robot.lookup(".person-message").queryAll()).as("the message is not repeated").hasSize(1);
        assertThat(messagesText(robot)).doesNotContain("First answer.");
        assertThat(robot.lookup("#version-label").queryAs(Label.class).getText()).isEqualTo("2 of 2");
        robot.clickOn("#earlier-version");
        assertThat(robot.lookup("#version-label").queryAs(Label.class).getText()).isEqualTo("1 of 2");
        assertThat(messagesText(robot)).contains("First answer.").doesNotContain("Second answer.");
        robot.clickOn("#later-version");
        assertThat(messagesText(robot)).contains("Second answer.");
    }

    @Test
    void upEditsTheLastMessageInPlaceAndTheEarlierWordingStaysWithItsAnswer(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("For PLA: 60 °C.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#chat-input").write("Bed temperature for PLA?").type(KeyCode.ENTER);
        awaitIdle(robot);
        robot.clickOn("#chat-input").type(KeyCode.UP);
        assertThat(robot.lookup("#editing-hint").queryAs(Label.class).isVisible()).isTrue();
        javafx.scene.control.TextArea input = robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class);
        robot.interact(() -> input.setText("Bed temperature for ABS?"));
        ollama.enqueue(Script.answer().textWithLogprob("For ABS: 100 °C.", -0.01).complete("stop", 3, 3));
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("For ABS"));
        awaitIdle(robot);
        assertThat(robot.lookup(".person-message").queryAll()).singleElement()
                .satisfies(node -> assertThat(((Label) node).getText()).isEqualTo("Bed temperature for ABS?"));
        assertThat(input.isFocused()).as("the caret stays in the chat box").isTrue();
        robot.clickOn("#earlier-version");
        assertThat(messagesText(robot)).contains("For PLA: 60 °C.").contains("An answer to your earlier wording: \u201cBed temperature for PLA?\u201d");
        assertThat(ollama.received().get(1).body().path("messages").toString()).doesNotContain("PLA");
    }

    @Test
    void inAPrivateConversationAskTheCloudIsOffAndSaysWhy(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("Local only.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#private-toggle");
        robot.clickOn("#chat-input").write("A private question").type(KeyCode.ENTER);
        awaitIdle(robot);
        assertThat(robot.lookup("#regenerate").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#ask-cloud").queryAs(Button.class).isDisabled()).isTrue();
        javafx.scene.Node holder = robot.lookup("#ask-cloud-holder").query();
        assertThat(((javafx.scene.control.Tooltip) holder.getProperties().get("javafx.scene.control.Tooltip")).getText())
                .contains("this conversation is private").contains("Turn Private off");
    }

    @Test
    void aReplyCopiesAsMarkdownOrPlainTextAndItsTextCanBeSelected(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("Use **PETG** for `parts` outdoors.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#chat-input").write("Which filament outdoors?").type(KeyCode.ENTER);
        awaitIdle(robot);
        robot.moveTo(".reply").clickOn(".reply #copy-markdown");
        assertThat(clipboard(robot)).isEqualTo("Use **PETG** for `parts` outdoors.");
        robot.clickOn(".reply #copy-plain");
        assertThat(clipboard(robot)).isEqualTo("Use PETG for parts outdoors.");
        robot.doubleClickOn(".reply-content");
        javafx.scene.control.TextArea selectable = robot.lookup("#selectable-text").queryAs(javafx.scene.control.TextArea.class);
        assertThat(selectable.isEditable()).isFalse();
        assertThat(selectable.getSelectedText()).isEqualTo("Use **PETG** for `parts` outdoors.");
        robot.interact(() -> selectable.selectRange(4, 12));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(clipboard(robot)).isEqualTo("**PETG**");
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#selectable-text").tryQuery()).isEmpty();
    }

    @Test
    void withEveryModelServerDownOneFailedReplyOffersRetryAndSettings(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#status-ollama").queryAs(Label.class).getText().equals("Ollama"));
        ollama.close();
        anthropic.close();
        robot.clickOn("#chat-input").write("Anyone?").type(KeyCode.ENTER);
        // The failed request is news for the status bar at once, not at its next check half a minute later.
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#status-ollama").queryAs(Label.class).getText().equals("Ollama: down"));
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#retry").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#reply-error").queryAll()).as("one failed reply, not two").hasSize(1);
        assertThat(messagesText(robot)).contains("Neither model could answer").contains("cloud · failed").doesNotContain("free")
                .doesNotContain("local score");
        assertThat(robot.lookup("#chat-notice").queryAs(Label.class).getText()).as("not repeated under the list").isEmpty();
        robot.clickOn("#open-settings");
        assertThat(shell.window().selectedArea().get()).isEqualTo(jarvis.ui.shell.Area.SETTINGS);
    }

    @Test
    void stopBeforeAnythingArrivedSaysSo(FxRobot robot) throws Exception {
        core.settings().set("network.offline", "true");
        ollama.enqueue(Script.answer().pause(30_000).text("late").complete("stop", 1, 1));
        robot.clickOn("#chat-input").write("Slow one").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Waiting for llama3.2"));
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Stopped before any reply."));
    }
}
