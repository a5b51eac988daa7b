package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.ui.fx.Hints;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A message's text as something to take away: copied as Markdown or plain text from buttons that show on hover or
 * from its context menu, and selected in part in a read-only text box (decision 0019).
 */
final class MessageText {

    private MessageText() {}

    /** Copy as Markdown and as plain text: shown while the pointer is over {@code hovered} or a button has the focus. */
    static Node copyButtons(Supplier<String> markdown, Node hovered) {
        Button asMarkdown = iconButton("copy-markdown", Feather.COPY, "Copy as Markdown");
        asMarkdown.setOnAction(e -> Hints.copy(markdown.get()));
        Button asText = iconButton("copy-plain", Feather.FILE_TEXT, "Copy as plain text");
        asText.setOnAction(e -> Hints.copy(MarkdownRenderer.plainText(markdown.get())));
        HBox buttons = new HBox(0, asMarkdown, asText);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.getStyleClass().add("copy-buttons");
        buttons.opacityProperty().bind(Bindings.when(hovered.hoverProperty().or(asMarkdown.focusedProperty()).or(asText.focusedProperty()))
                .then(1.0).otherwise(0.0));
        return buttons;
    }

    static Button iconButton(String id, Feather icon, String meaning) {
        Button button = new Button(null, FontIcon.of(icon, 14));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        Hints.explain(button, meaning);
        return button;
    }

    /**
     * Makes a message's text selectable: its context menu (made when first asked for) copies it as Markdown or plain
     * text, and "Select text" (or a double click) shows it in a read-only text box in its place, all selected; Esc or
     * a click elsewhere brings the rendered message back.
     */
    static void selectable(Region shown, Supplier<String> markdown, Node menuOwner) {
        ContextMenu[] menu = {null};
        menuOwner.setOnContextMenuRequested(event -> {
            if (menu[0] == null) {
                MenuItem asMarkdown = new MenuItem("Copy as Markdown");
                asMarkdown.setOnAction(e -> Hints.copy(markdown.get()));
                MenuItem asText = new MenuItem("Copy as plain text");
                asText.setOnAction(e -> Hints.copy(MarkdownRenderer.plainText(markdown.get())));
                MenuItem select = new MenuItem("Select text");
                select.setOnAction(e -> selectText(shown, markdown.get()));
                menu[0] = new ContextMenu(asMarkdown, asText, select);
            }
            menu[0].show(menuOwner, event.getScreenX(), event.getScreenY());
            event.consume();
        });
        shown.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                selectText(shown, markdown.get());
            }
        });
    }

    private static void selectText(Region shown, String text) {
        if (!(shown.getParent() instanceof Pane parent)) {
            return;
        }
        TextArea selection = new TextArea(text);
        selection.setId("selectable-text");
        selection.setEditable(false);
        selection.setWrapText(true);
        selection.setPrefRowCount((int) Math.min(30, Math.max(2, text.lines().count() + text.length() / 80)));
        selection.setPrefWidth(shown.getWidth());
        int at = parent.getChildren().indexOf(shown);
        parent.getChildren().set(at, selection);
        Runnable back = () -> {
            int now = parent.getChildren().indexOf(selection);
            if (now >= 0) {
                parent.getChildren().set(now, shown);
            }
        };
        selection.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                back.run();
                event.consume();
            }
        });
        selection.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                back.run();
            }
        });
        selection.requestFocus();
        selection.selectAll();
    }
}
