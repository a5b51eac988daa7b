package jarvis.tests.ui;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.testfx.api.FxRobot;

/** What the chat shows, read the way the chat's UI tests look at it. */
final class ChatLooks {

    private ChatLooks() {}

    /** Every text and label under {@code root}, in order. */
    static String shownText(Node root) {
        StringBuilder text = new StringBuilder();
        collect(root, text);
        return text.toString();
    }

    private static void collect(Node node, StringBuilder into) {
        if (node instanceof Text text) {
            into.append(text.getText());
        } else if (node instanceof Label label) {
            into.append(label.getText()).append(' ');
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, into));
        }
    }

    static String messagesText(FxRobot robot) {
        return shownText(robot.lookup("#messages").queryAs(VBox.class));
    }

    static String clipboard(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>();
        robot.interact(() -> text.set(Clipboard.getSystemClipboard().getString()));
        return text.get();
    }

    /** Until the reply has ended and Send is back. */
    static void awaitIdle(FxRobot robot) {
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#send").queryAs(Button.class).isVisible());
    }
}
