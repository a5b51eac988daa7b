package jarvis.ui.fx;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/** Small helpers every view shares: explanations on hover, made only when the pointer first comes, and the clipboard. */
public final class Hints {

    private static final Duration SHOW_DELAY = Duration.millis(300);
    private static final double MAX_WIDTH = 360;

    private Hints() {}

    /**
     * Explains {@code node} on hover. The tooltip is made when the pointer first enters it: a long conversation has
     * thousands of explained parts, and a tooltip each, made up front, would slow its opening.
     */
    public static void explain(Node node, String text) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent event) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip.install(node, tooltip(text));
            }
        });
    }

    /** A tooltip that wraps long text and shows a little sooner than the default. */
    public static Tooltip tooltip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(MAX_WIDTH);
        tooltip.setShowDelay(SHOW_DELAY);
        return tooltip;
    }

    /** Puts {@code text} on the clipboard. */
    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
