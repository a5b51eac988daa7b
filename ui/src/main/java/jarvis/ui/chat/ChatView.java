package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.Conversation;
import java.util.concurrent.CompletableFuture;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Chat area: the conversation list on the left, the open conversation on the right with its input box.
 * Enter sends, Shift+Enter breaks the line, Esc stops, Up edits the last message.
 */
public final class ChatView extends SplitPane {

    private final ChatViewModel model;
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final MessageColumn messageColumn;
    private final ScrollPane scroller = new ScrollPane();
    private final TextArea input = new TextArea();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public ChatView(ChatViewModel model) {
        this.model = model;
        this.messageColumn = new MessageColumn(model.messages(), item -> new MessageView(item, renderer, model::rate), ChatView::hint);
        setId("chat-view");
        getItems().addAll(conversationList(), conversation());
        setDividerPositions(0.24);
        model.list().refresh();
        model.list().firstListing().thenRun(() -> whenInScene(this::focusWhenReady));
        // Conversations started on the command line beside the window show up when the window is used again.
        sceneProperty().flatMap(scene -> scene.windowProperty()).flatMap(window -> window.focusedProperty())
                .addListener((obs, was, focused) -> {
                    if (Boolean.TRUE.equals(focused)) {
                        model.list().refresh();
                    }
                });
    }

    private VBox conversationList() {
        TextField search = new TextField();
        search.setId("chat-search");
        search.setPromptText("Search every conversation");
        search.textProperty().bindBidirectional(model.list().search());
        Button fresh = new Button("New", FontIcon.of(Feather.PLUS));
        fresh.setId("new-conversation");
        fresh.setOnAction(e -> {
            model.newConversation();
            input.requestFocus();
        });
        fresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox top = new HBox(6, search, fresh);
        ListView<Conversation> list = new ListView<>(model.list().conversations());
        list.setId("conversation-list");
        list.setPlaceholder(new Label("No conversations yet."));
        list.setCellFactory(view -> new ConversationCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && (model.selected().get() == null || !model.selected().get().id().equals(chosen.id()))) {
                model.select(chosen);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label notice = new Label();
        notice.setId("chat-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.notice());
        Hyperlink undo = new Hyperlink("Undo");
        undo.setId("undo-delete");
        undo.setOnAction(e -> model.list().undoDelete());
        undo.visibleProperty().bind(model.notice().map(text -> text.startsWith("Deleted")));
        undo.managedProperty().bind(undo.visibleProperty());
        VBox box = new VBox(8, top, list, new HBox(4, notice, undo));
        box.setPadding(new Insets(10));
        box.setMinWidth(220);
        return box;
    }

    private final class ConversationCell extends ListCell<Conversation> {
        @Override
        protected void updateItem(Conversation conversation, boolean empty) {
            super.updateItem(conversation, empty);
            if (empty || conversation == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            setText(conversation.title());
            HBox icons = new HBox(2);
            if (conversation.pinned()) {
                icons.getChildren().add(FontIcon.of(Feather.BOOKMARK, 12));
            }
            if (conversation.privateMode()) {
                icons.getChildren().add(FontIcon.of(Feather.LOCK, 12));
            }
            setGraphic(icons);
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> {
                TextInputDialog dialog = new TextInputDialog(conversation.title());
                dialog.setHeaderText("Rename the conversation");
                dialog.showAndWait().ifPresent(title -> model.list().rename(conversation, title));
            });
            MenuItem pin = new MenuItem(conversation.pinned() ? "Unpin" : "Pin");
            pin.setOnAction(e -> model.list().togglePin(conversation));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(e -> model.list().delete(conversation));
            setContextMenu(new ContextMenu(rename, pin, delete));
        }
    }

    private BorderPane conversation() {
        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(model.selected().map(Conversation::title).orElse("New conversation"));
        ToggleButton privately = new ToggleButton("Private", FontIcon.of(Feather.LOCK));
        privately.setId("private-toggle");
        privately.setTooltip(new Tooltip("A private conversation never leaves this machine"));
        privately.setSelected(model.isPrivate());
        model.selected().addListener((obs, old, open) -> privately.setSelected(model.isPrivate()));
        privately.setOnAction(e -> model.setPrivate(privately.isSelected()));
        Button cloud = new Button("Ask the cloud", FontIcon.of(Feather.CLOUD));
        cloud.setId("ask-cloud");
        cloud.setOnAction(e -> model.askCloud());
        Button again = new Button("Regenerate", FontIcon.of(Feather.REFRESH_CW));
        again.setId("regenerate");
        again.setOnAction(e -> model.regenerate());
        cloud.disableProperty().bind(model.state().isEqualTo(ChatViewModel.State.ANSWERING));
        again.disableProperty().bind(cloud.disableProperty());
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, title, spring, privately, again, cloud);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 12, 10, 12));

        scroller.setContent(messageColumn);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("edge-to-edge");
        messageColumn.heightProperty().addListener((obs, old, height) -> {
            if (!messageColumn.showedEarlier()) {
                scroller.setVvalue(1.0);
            }
        });

        BorderPane pane = new BorderPane(scroller);
        pane.setTop(header);
        pane.setBottom(inputArea());
        return pane;
    }

    private static Node hint() {
        Label hint = new Label("Ask anything. The model on this machine answers first; the cloud model is asked only when "
                + "its answer is not good enough and this conversation allows it. Try \"what can you do\".");
        hint.setId("chat-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox centred = new HBox(hint);
        centred.setAlignment(Pos.CENTER);
        centred.setPadding(new Insets(120, 24, 24, 24));
        return centred;
    }

    private VBox inputArea() {
        input.setId("chat-input");
        input.setPromptText("Ask Jarvis… (Enter sends, Shift+Enter for a new line, Esc stops, Up edits the last message)");
        input.setPrefRowCount(3);
        input.setWrapText(true);
        input.textProperty().bindBidirectional(model.draft());
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        Button send = new Button("Send", FontIcon.of(Feather.SEND));
        send.setId("send");
        send.getStyleClass().add(Styles.ACCENT);
        send.setDefaultButton(false);
        send.setOnAction(e -> model.send());
        send.disableProperty().bind(model.draft().isEmpty().or(model.draftWarning().isNotEmpty()));
        Button stop = new Button("Stop", FontIcon.of(Feather.SQUARE));
        stop.setId("stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setOnAction(e -> model.stop());
        stop.visibleProperty().bind(model.state().isEqualTo(ChatViewModel.State.ANSWERING));
        stop.managedProperty().bind(stop.visibleProperty());
        send.visibleProperty().bind(stop.visibleProperty().not());
        send.managedProperty().bind(send.visibleProperty());
        Label warning = new Label();
        warning.setId("draft-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add(Styles.WARNING);
        warning.textProperty().bind(model.draftWarning());
        warning.visibleProperty().bind(model.draftWarning().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox row = new HBox(8, input, new VBox(6, send, stop));
        row.setAlignment(Pos.BOTTOM_RIGHT);
        VBox box = new VBox(6, warning, row);
        box.setPadding(new Insets(8, 12, 12, 12));
        return box;
    }

    private void keys(KeyEvent event) {
        if (event.getCode() == KeyCode.ENTER && !event.isShiftDown()) {
            model.send();
            event.consume();
        } else if (event.getCode() == KeyCode.ENTER) {
            input.insertText(input.getCaretPosition(), "\n");
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            model.stop();
            event.consume();
        } else if (event.getCode() == KeyCode.UP && input.getText().isEmpty() && model.editLast()) {
            input.positionCaret(input.getText().length());
            event.consume();
        }
    }

    private void whenInScene(Runnable action) {
        if (input.getScene() != null) {
            action.run();
            return;
        }
        input.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> obs, Scene old, Scene scene) {
                if (scene != null) {
                    input.sceneProperty().removeListener(this);
                    action.run();
                }
            }
        });
    }

    /** Once the conversations are listed the caret goes to the input box; the area is ready when it is there. */
    private void focusWhenReady() {
        input.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                ready.complete(null);
            }
        });
        input.requestFocus();
        if (input.isFocused()) {
            ready.complete(null);
        }
    }

    /** Completes on the UI thread when the area is ready to use: conversations listed and the caret in the input box. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Puts the caret in the input box. */
    public void focusInput() {
        input.requestFocus();
    }
}
