package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The chat box with Send and Stop, and what it has to say above it: a draft too long for the context, why a message
 * was not sent, an edit in progress. Enter sends, Shift+Enter breaks the line, Tab moves on (Ctrl+Tab types a tab),
 * Esc stops a reply or leaves an edit, Up edits the last message. The box grows with its text up to
 * {@value #MAX_ROWS} lines, then scrolls.
 */
final class ChatInput extends VBox {

    private static final int MAX_ROWS = 10;

    private final ChatViewModel model;
    private final TextArea input = new TextArea();
    private final HBox row;

    ChatInput(ChatViewModel model) {
        super(6);
        this.model = model;
        input.setId("chat-input");
        input.setPromptText("Ask Jarvis… (Enter sends, Shift+Enter for a new line, Esc stops, Up edits the last message)");
        input.setPrefRowCount(2);
        input.setWrapText(true);
        input.setMinWidth(0);
        input.textProperty().bindBidirectional(model.draft());
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        growWithText();
        Button send = new Button("Send", FontIcon.of(Feather.SEND));
        send.setId("send");
        send.getStyleClass().add(Styles.ACCENT);
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.setOnAction(e -> {
            model.send();
            input.requestFocus();
        });
        send.disableProperty().bind(model.draft().isEmpty().or(model.draftWarning().isNotEmpty()));
        Button stop = new Button("Stop", FontIcon.of(Feather.SQUARE));
        stop.setId("stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> {
            model.stop();
            input.requestFocus();
        });
        stop.visibleProperty().bind(model.state().isEqualTo(ChatViewModel.State.ANSWERING));
        stop.managedProperty().bind(stop.visibleProperty());
        send.visibleProperty().bind(stop.visibleProperty().not());
        send.managedProperty().bind(send.visibleProperty());
        Label warning = message("draft-warning", Styles.WARNING, model.draftWarning());
        Label problem = message("send-problem", Styles.DANGER, model.problem());
        Label editing = new Label("Editing your last message: Enter sends it in place of the old one, Esc leaves it.");
        editing.setId("editing-hint");
        editing.setWrapText(true);
        editing.setMinWidth(0);
        editing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.ACCENT);
        editing.visibleProperty().bind(model.editing());
        editing.managedProperty().bind(editing.visibleProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        row = new HBox(8, input, new VBox(6, send, stop));
        row.setAlignment(Pos.BOTTOM_RIGHT);
        getChildren().addAll(warning, problem, editing, row);
        setPadding(new Insets(8, 12, 12, 12));
    }

    /** Puts controls (the microphone's) beside the box, before Send, and a line of theirs above it. */
    void beside(Node controls, Node line) {
        row.getChildren().add(1, controls);
        getChildren().add(getChildren().indexOf(row), line);
    }

    /** The text box itself. */
    TextArea field() {
        return input;
    }

    private static Label message(String id, String style, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinWidth(0);
        label.getStyleClass().add(style);
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** The input box grows with its text, line by line, up to {@value #MAX_ROWS} lines; beyond that it scrolls. */
    private void growWithText() {
        Text measure = new Text();
        Text oneLine = new Text("x");
        Runnable fit = () -> {
            measure.setFont(input.getFont());
            oneLine.setFont(input.getFont());
            measure.setWrappingWidth(Math.max(40, input.getWidth() - 24));
            String text = input.getText();
            measure.setText(text.isEmpty() ? "x" : text.endsWith("\n") ? text + "x" : text);
            int rows = (int) Math.round(measure.getLayoutBounds().getHeight() / Math.max(1, oneLine.getLayoutBounds().getHeight()));
            input.setPrefRowCount(Math.max(2, Math.min(MAX_ROWS, rows)));
        };
        input.textProperty().addListener((obs, old, text) -> fit.run());
        input.widthProperty().addListener((obs, old, width) -> fit.run());
    }

    private void keys(KeyEvent event) {
        if (event.getCode() == KeyCode.ENTER && !event.isShiftDown()) {
            model.send();
            event.consume();
        } else if (event.getCode() == KeyCode.ENTER) {
            input.insertText(input.getCaretPosition(), "\n");
            event.consume();
        } else if (event.getCode() == KeyCode.TAB && event.isControlDown()) {
            input.insertText(input.getCaretPosition(), "\t");
            event.consume();
        } else if (event.getCode() == KeyCode.TAB) {
            input.requestFocusTraversal(event.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            if (model.editing().get()) {
                model.cancelEdit();
            } else {
                model.stop();
            }
            event.consume();
        } else if (event.getCode() == KeyCode.UP && input.getText().isEmpty() && model.editLast()) {
            input.positionCaret(input.getText().length());
            event.consume();
        }
    }
}
