package jarvis.tests.ui;

import static jarvis.tests.ui.ChatLooks.awaitIdle;
import static jarvis.tests.ui.ChatLooks.messagesText;
import static jarvis.tests.ui.ChatLooks.shownText;
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
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Chat area on the headless platform, against the Ollama and Anthropic simulators. */
@ExtendWith(ApplicationExtension.class)
class ChatUiTest {


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
    void aSentMessageStreamsItsReplyTokenByTokenThenShowsItsBadge(FxRobot robot) throws Exception {
        ollama.enqueue(Script.answer().thinking("A greeting; answer warmly.").textWithLogprob("Hello ", -0.01).pause(900).textWithLogprob("**workshop**", -0.01)
                .pause(900).textWithLogprob("!", -0.01).complete("stop", 12, 3));
        robot.clickOn("#chat-input").write("Hi there").type(KeyCode.ENTER);

        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Hello"));
        assertThat(messagesText(robot)).as("the reply shows before it is complete").doesNotContain("!");
        assertThat(robot.lookup("#stop").queryAs(Button.class).isVisible()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#route-badge").tryQuery().isPresent());
        String shown = messagesText(robot);
        assertThat(shown).contains("Hi there").contains("Hello workshop!").contains("local").contains("llama3.2")
                .contains("first token").contains("12 → 3 tokens").contains("free");
        boolean bold = robot.lookup("#messages").queryAs(VBox.class).lookupAll(".text").stream()
                .anyMatch(node -> node instanceof Text text && text.getText().equals("workshop") && text.getFont().getStyle().toLowerCase().contains("bold"));
        assertThat(bold).as("Markdown bold is rendered as bold").isTrue();
        assertThat(robot.lookup("#conversation-title").queryAs(Label.class).getText()).isEqualTo("Hi there");
        javafx.scene.control.TitledPane reasoning = robot.lookup("#reasoning").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(reasoning.isVisible()).isTrue();
        assertThat(reasoning.isExpanded()).as("reasoning is folded, apart from the answer").isFalse();
        assertThat(shownText(reasoning.getContent())).contains("A greeting; answer warmly.");
        for (Node content : robot.lookup(".reply-content").queryAll()) {
            assertThat(shownText(content)).as("the answer itself holds no reasoning").doesNotContain("A greeting");
        }
        assertThat(robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class).getText()).isEmpty();
    }

    @Test
    void escapeStopsTheReplyAndKeepsWhatArrived(FxRobot robot) {
        ollama.enqueue(Script.answer().text("Part one ").pause(30_000).text("never").complete("stop", 1, 1));
        robot.clickOn("#chat-input").write("Long story").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Part one"));
        robot.clickOn("#chat-input").type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Stopped; what arrived is kept."));
        assertThat(messagesText(robot)).contains("Part one").doesNotContain("never");
        assertThat(robot.lookup("#send").queryAs(Button.class).isVisible()).isTrue();
    }

    @Test
    void aHesitantLocalAnswerIsFoldedAwayAndTheCloudAnswerShowsWhyItEscalated(FxRobot robot) throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("I'm not sure.", -2.0).complete("stop", 9, 4));
        anthropic.enqueue(Script.answer().text("Use a ", "`3.2 mm` drill.\n\n```gcode\nG28\n```").complete("stop", 800, 400));
        robot.clickOn("#chat-input").write("Which drill for M3?").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#replaced-local-answer").tryQuery().isPresent()
                && robot.lookup("#route-badge").tryQuery().isPresent());
        String shown = messagesText(robot);
        assertThat(shown).contains("Use a").contains("3.2 mm").contains("cloud (escalated)").contains("claude-sonnet-4-5")
                .contains("< threshold 0.70: escalated").contains("$0.0084");
        assertThat(robot.lookup(".copy-code").tryQuery()).as("a code block has a copy button").isPresent();
        robot.clickOn("#route-badge");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".popover").tryQuery().isPresent());
        assertThat(shownText(robot.lookup(".popover").query())).contains("Answered by claude-sonnet-4-5 in").contains("anthropic")
                .contains("the answer says it is unsure");
        robot.type(KeyCode.ESCAPE);
        Screenshots.save(robot, shell.stage().getScene(), "chat.png");
    }

    @Test
    void askTheCloudSendsTheLastMessageAgainToTheCloudModel(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("Local says hi.", -0.01).complete("stop", 3, 3));
        robot.clickOn("#chat-input").write("Hello").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#route-badge").tryQuery().isPresent());
        anthropic.enqueue(Script.answer().text("Cloud says hi.").complete("stop", 3, 3));
        robot.clickOn("#ask-cloud");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("Cloud says hi."));
        assertThat(anthropic.received()).hasSize(1);
    }

    @Test
    void aPastedTextTooLongForTheContextIsWarnedAboutBeforeSending(FxRobot robot) {
        robot.interact(() -> robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class).setText("word ".repeat(40_000)));
        Label warning = robot.lookup("#draft-warning").queryAs(Label.class);
        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getText()).contains("would not fit").contains("ollama.contextTokens");
        assertThat(robot.lookup("#send").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#send-problem").queryAs(Label.class).getText().contains("Not sent"));
        assertThat(messagesText(robot)).doesNotContain("word word");
        assertThat(ollama.received()).isEmpty();
    }

    @Test
    void upEditsTheLastMessageAndAnEmptyMessageIsNotSent(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("Ok.", -0.01).complete("stop", 1, 1));
        robot.clickOn("#chat-input").type(KeyCode.ENTER);
        // A message sent shows in the column at once: the empty one never does, and the next one is the only request.
        assertThat(robot.lookup(".person-message").tryQuery()).isEmpty();
        robot.write("First try").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#route-badge").tryQuery().isPresent());
        assertThat(robot.lookup(".person-message").queryAll()).hasSize(1);
        assertThat(ollama.received()).singleElement()
                .satisfies(request -> assertThat(request.body().path("messages").toString()).contains("First try"));
        robot.clickOn("#chat-input").type(KeyCode.UP);
        assertThat(robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class).getText()).isEqualTo("First try");
    }

    @Test
    void aWrongOllamaAddressGetsAMessageInTheConversationAndTheTextIsKept(FxRobot robot) throws Exception {
        ollama.close();
        core.settings().set("network.offline", "true");
        robot.clickOn("#rail-chat").clickOn("#chat-input").write("Are you there?").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesText(robot).contains("does not answer"));
        assertThat(messagesText(robot)).contains("Are you there?").contains("Is it running?").contains("offline mode is on");
        AtomicBoolean responsive = new AtomicBoolean();
        robot.interact(() -> responsive.set(true));
        assertThat(responsive).isTrue();
    }

    @Test
    void settingsListTheModelsWithTheirCapabilitiesAndPullANewOneWithProgress(FxRobot robot) {
        ollama.withModel("llama3.2:latest", "completion", "tools").canPull("qwen3:8b");
        robot.clickOn("#rail-settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> shownText(robot.lookup("#model-rows").queryAs(VBox.class)).contains("llama3.2:latest"));
        assertThat(shownText(robot.lookup("#model-rows").queryAs(VBox.class))).contains("tools").contains("default");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cloud-spend").queryAs(Label.class).getText().contains("$0.00 today"));

        robot.clickOn("#pull-name").write("qwen3:8b");
        robot.clickOn("#pull-model");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#pull-status").queryAs(Label.class).getText().contains("qwen3:8b is ready"));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownText(robot.lookup("#model-rows").queryAs(VBox.class)).contains("qwen3:8b"));
        assertThat(robot.lookup("#pull-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()).isEqualTo(1.0);

        // Use as default keeps the name as a person writes it, without the ":latest" Ollama lists it with.
        ollama.withModel("mistral:latest", "completion");
        robot.clickOn("#models-refresh");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#use-mistral").tryQuery().isPresent());
        robot.clickOn("#use-mistral");
        await().atMost(Duration.ofSeconds(5)).until(() -> core.settings().get(jarvis.orchestrator.settings.SettingsSchema.OLLAMA_MODEL)
                .equals("mistral"));

        // A pull that fails says so, as an error with Ollama's reason.
        robot.clickOn("#pull-name").eraseText(8).write("nosuchmodel");
        robot.clickOn("#pull-model");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#pull-status").queryAs(Label.class).getText().startsWith("The pull failed"));
        Label status = robot.lookup("#pull-status").queryAs(Label.class);
        assertThat(status.getText()).contains("file does not exist");
        assertThat(status.getStyleClass()).contains(atlantafx.base.theme.Styles.DANGER);
    }

    @Test
    void theChatBoxGrowsWithItsTextUpToALimit(FxRobot robot) {
        javafx.scene.control.TextArea input = robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class);
        int rows = input.getPrefRowCount();
        robot.interact(() -> input.setText("one\ntwo\nthree\nfour\nfive"));
        assertThat(input.getPrefRowCount()).isGreaterThan(rows).isLessThanOrEqualTo(10);
        robot.interact(() -> input.setText("line\n".repeat(40)));
        assertThat(input.getPrefRowCount()).as("beyond the limit the box scrolls").isEqualTo(10);
        robot.interact(() -> input.setText(""));
        assertThat(input.getPrefRowCount()).isEqualTo(rows);
    }

    @Test
    void markdownShowsHeadingsListsAndTables(FxRobot robot) {
        java.util.concurrent.atomic.AtomicReference<Node> rendered = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> rendered.set(new jarvis.ui.chat.MarkdownRenderer().render(
                "# Filament\n\n- PLA\n- PETG\n\n| Material | Nozzle |\n|---|---|\n| PLA | 210 |\n| PETG | 240 |\n")));
        VBox page = (VBox) rendered.get();
        assertThat(page.lookupAll(".markdown-heading")).hasSize(1);
        javafx.scene.control.ScrollPane wide = (javafx.scene.control.ScrollPane) page.lookup(".wide-block");
        javafx.scene.layout.GridPane table = (javafx.scene.layout.GridPane) wide.getContent();
        assertThat(table.getStyleClass()).contains("markdown-table");
        assertThat(table.getChildren()).hasSize(6);
        assertThat(shownText(page) + shownText(table)).contains("Filament").contains("•").contains("PETG").contains("Nozzle").contains("240");
    }

    @Test
    void aGrowingReplyRerendersOnlyItsLastBlock(FxRobot robot) {
        jarvis.ui.chat.MarkdownRenderer renderer = new jarvis.ui.chat.MarkdownRenderer();
        VBox page = new VBox();
        java.util.List<Node> before = new java.util.ArrayList<>();
        robot.interact(() -> {
            renderer.renderInto(page, "First paragraph.\n\n- one\n- two\n\nThe last");
            before.addAll(page.getChildren());
            renderer.renderInto(page, "First paragraph.\n\n- one\n- two\n\nThe last one grows");
        });
        assertThat(page.getChildren()).hasSize(3);
        assertThat(page.getChildren().get(0)).isSameAs(before.get(0));
        assertThat(page.getChildren().get(1)).isSameAs(before.get(1));
        assertThat(page.getChildren().get(2)).isNotSameAs(before.get(2));
        assertThat(shownText(page.getChildren().get(2))).contains("The last one grows");
        robot.interact(() -> renderer.renderInto(page, "Replaced"));
        assertThat(page.getChildren()).hasSize(1);
        assertThat(shownText(page)).contains("Replaced").doesNotContain("First");
    }

    @Test
    void aReplyRenderedAsItStreamsEndsTheSameAsOneRenderedWhole(FxRobot robot) {
        String reply = """
                ## Nozzle temperatures

                PETG prints best a little hotter than PLA:

                | Filament | Nozzle | Bed |
                |---|---|---|
                | PLA | 210 | 60 |
                | PETG | 240 | 80 |

                - Dry the spool first.
                  It keeps bubbles out.
                - Slow the first layer.

                > Too hot strings; too cold under-extrudes.

                ```gcode
                M104 S240

                M140 S80
                ```
                Setext heading
                ---
                See the [PETG guide][guide] before you start.

                The end, with the [guide] again.

                [guide]: https://example.com/petg
                """;
        jarvis.ui.chat.MarkdownRenderer renderer = new jarvis.ui.chat.MarkdownRenderer();
        VBox streamed = new VBox();
        VBox whole = new VBox();
        robot.interact(() -> {
            for (int end = 1; end <= reply.length(); end += 3) {
                renderer.renderInto(streamed, reply.substring(0, end));
            }
            renderer.renderInto(streamed, reply);
            renderer.renderInto(whole, reply);
        });
        assertThat(streamed.getChildren()).hasSameSizeAs(whole.getChildren());
        for (int i = 0; i < whole.getChildren().size(); i++) {
            assertThat(streamed.getChildren().get(i).getClass()).isEqualTo(whole.getChildren().get(i).getClass());
            assertThat(shownText(streamed.getChildren().get(i))).isEqualTo(shownText(whole.getChildren().get(i)));
        }
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    private static boolean focused(FxRobot robot, String query) {
        return robot.lookup(query).query().isFocused();
    }

    @Test
    void theKeyboardReachesEverything(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> focused(robot, "#chat-input"));
        ollama.enqueue(Script.answer().textWithLogprob("Ok.", -0.01).complete("stop", 3, 3));
        robot.write("Tabs and keys").type(KeyCode.ENTER);
        awaitIdle(robot);
        assertThat(focused(robot, "#chat-input")).as("the chat box keeps the caret after a send").isTrue();

        shortcut(robot, KeyCode.TAB);
        assertThat(robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class).getText()).isEqualTo("\t");
        robot.type(KeyCode.BACK_SPACE).type(KeyCode.TAB);
        assertThat(focused(robot, "#chat-input")).as("Tab moves on from the chat box").isFalse();
        robot.clickOn("#chat-input");
        boolean railReached = false;
        for (int presses = 0; presses < 40 && !railReached; presses++) {
            robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
            javafx.scene.Node owner = shell.stage().getScene().getFocusOwner();
            railReached = owner != null && owner.getId() != null && owner.getId().startsWith("rail-");
        }
        assertThat(railReached).as("the rail is reached by the keyboard").isTrue();
        robot.clickOn("#chat-input");

        shortcut(robot, KeyCode.I);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#route-title").tryQuery().isPresent());
        assertThat(robot.lookup("#route-title").queryAs(Label.class).getText()).startsWith("Answered by llama3.2 in");
        robot.type(KeyCode.ESCAPE);

        shortcut(robot, KeyCode.F);
        assertThat(focused(robot, "#chat-search")).isTrue();
        robot.write("zebra");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#list-placeholder").queryAs(Label.class).getText()
                .equals("No conversation matches 'zebra'.") && robot.lookup("#list-placeholder").query().isVisible());
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#chat-search").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            javafx.scene.control.ListView<?> list = robot.lookup("#conversation-list").queryAs(javafx.scene.control.ListView.class);
            return list.getItems().size() == 1 && list.getSelectionModel().getSelectedIndex() == 0;
        });
        robot.type(KeyCode.F2);
        assertThat(focused(robot, "#rename-field")).as("F2 renames in the list itself").isTrue();
        robot.write("Renamed by keyboard").type(KeyCode.ENTER);
        assertThat(robot.lookup("#conversation-title").queryAs(Label.class).getText()).as("the header follows at once")
                .isEqualTo("Renamed by keyboard");
        await().atMost(Duration.ofSeconds(5)).until(() -> shownText(robot.lookup("#conversation-list").query()).contains("Renamed by keyboard"));

        robot.type(KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#undo-delete").query().isVisible());
        assertThat(robot.lookup("#chat-notice").queryAs(Label.class).getText()).contains("Deleted 'Renamed by keyboard'");
        robot.clickOn("#undo-delete");
        await().atMost(Duration.ofSeconds(5)).until(() -> shownText(robot.lookup("#conversation-list").query()).contains("Renamed by keyboard"));

        shortcut(robot, KeyCode.N);
        assertThat(robot.lookup("#conversation-title").queryAs(Label.class).getText()).isEqualTo("New conversation");
        assertThat(focused(robot, "#chat-input")).isTrue();
    }
}
