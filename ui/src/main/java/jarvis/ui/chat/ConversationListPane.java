package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.Conversation;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The conversation list beside the chat: search (Esc clears it), a new conversation, the conversations with the open
 * one highlighted, renamed in place (F2), deleted with the Delete key and brought back with Undo.
 */
final class ConversationListPane extends VBox {

    private final ChatViewModel model;
    private final TextField search = new TextField();
    private final ListView<Conversation> list = new ListView<>();

    ConversationListPane(ChatViewModel model, Runnable startNew) {
        super(8);
        this.model = model;
        search.setId("chat-search");
        search.setPromptText("Search every conversation");
        search.textProperty().bindBidirectional(model.list().search());
        search.setTooltip(new Tooltip("Find a conversation by its title or any message in it (" + ChatView.shortcut("F") + "; Esc clears)"));
        search.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                event.consume();
            }
        });
        search.setMinWidth(0);
        Button fresh = new Button(null, FontIcon.of(Feather.PLUS));
        fresh.setId("new-conversation");
        fresh.setTooltip(new Tooltip("New conversation (" + ChatView.shortcut("N") + ")"));
        fresh.setOnAction(e -> startNew.run());
        fresh.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox top = new HBox(6, search, fresh);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setItems(model.list().conversations());
        list.setId("conversation-list");
        Label empty = new Label();
        empty.setWrapText(true);
        empty.setId("list-placeholder");
        empty.textProperty().bind(model.list().search().map(text -> text == null || text.isBlank() ? "No conversations yet."
                : "No conversation matches '" + text.strip() + "'."));
        list.setPlaceholder(empty);
        list.setEditable(true);
        list.setCellFactory(view -> new ConversationCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && (model.selected().get() == null || !model.selected().get().id().equals(chosen.id()))) {
                model.select(chosen);
            }
        });
        list.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            Conversation chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null && (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) && list.getEditingIndex() < 0) {
                model.list().delete(chosen);
                event.consume();
            }
        });
        // The open conversation is the one highlighted, also when it was opened by sending or by a search.
        model.selected().addListener((obs, old, open) -> highlightOpen());
        model.list().conversations().addListener((ListChangeListener<Conversation>) change -> highlightOpen());
        VBox.setVgrow(list, Priority.ALWAYS);

        Label notice = new Label();
        notice.setId("chat-notice");
        notice.setWrapText(true);
        notice.setMinWidth(0);
        notice.textProperty().bind(model.notice());
        HBox.setHgrow(notice, Priority.ALWAYS);
        Button undo = new Button("Undo", FontIcon.of(Feather.CORNER_UP_LEFT));
        undo.setId("undo-delete");
        undo.getStyleClass().add(Styles.SMALL);
        undo.setMinWidth(Region.USE_PREF_SIZE);
        undo.setOnAction(e -> model.list().undoDelete());
        undo.visibleProperty().bind(model.notice().map(text -> text.startsWith("Deleted")));
        undo.managedProperty().bind(undo.visibleProperty());
        HBox noticeRow = new HBox(6, notice, undo);
        noticeRow.setAlignment(Pos.CENTER_LEFT);
        noticeRow.visibleProperty().bind(model.notice().isNotEmpty());
        noticeRow.managedProperty().bind(noticeRow.visibleProperty());
        getChildren().addAll(top, list, noticeRow);
        setId("conversation-pane");
        setPadding(new Insets(10));
        setMinWidth(ChatView.MIN_LIST_WIDTH);
    }

    /** Puts the caret in the search box, all of it selected. */
    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Renames the open conversation in the list itself. */
    void renameOpen() {
        int index = list.getSelectionModel().getSelectedIndex();
        if (index >= 0) {
            list.requestFocus();
            list.edit(index);
        }
    }

    private void highlightOpen() {
        Conversation open = model.selected().get();
        if (open == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        Conversation shown = list.getSelectionModel().getSelectedItem();
        if (shown == null || !shown.id().equals(open.id())) {
            model.list().conversations().stream().filter(c -> c.id().equals(open.id())).findFirst()
                    .ifPresent(c -> list.getSelectionModel().select(c));
        }
    }

    /** A conversation in the list: its title, pinned and private marks, a context menu, and its title edited in place (F2). */
    private final class ConversationCell extends ListCell<Conversation> {
        private final TextField editor = new TextField();

        ConversationCell() {
            // The list is as wide as the person made it: a long title is shortened (whole in its tooltip), never scrolled to.
            setPrefWidth(1);
            editor.setId("rename-field");
            editor.setOnAction(e -> {
                Conversation conversation = getItem();
                if (conversation != null) {
                    model.rename(conversation, editor.getText());
                }
                cancelEdit();
                list.requestFocus();
            });
            editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    cancelEdit();
                    list.requestFocus();
                    e.consume();
                }
            });
            editor.focusedProperty().addListener((obs, was, focused) -> {
                if (!focused && isEditing()) {
                    cancelEdit();
                }
            });
        }

        @Override
        public void startEdit() {
            super.startEdit();
            if (!isEditing()) {
                return;
            }
            editor.setText(getItem().title());
            setText(null);
            setGraphic(editor);
            editor.requestFocus();
            editor.selectAll();
        }

        @Override
        public void cancelEdit() {
            super.cancelEdit();
            updateItem(getItem(), getItem() == null);
        }

        @Override
        protected void updateItem(Conversation conversation, boolean empty) {
            super.updateItem(conversation, empty);
            if (empty || conversation == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            if (isEditing()) {
                return;
            }
            setText(conversation.title());
            setTextOverrun(OverrunStyle.ELLIPSIS);
            setTooltip(new Tooltip(conversation.title()));
            HBox icons = new HBox(2);
            if (conversation.pinned()) {
                icons.getChildren().add(FontIcon.of(Feather.BOOKMARK, 12));
            }
            if (conversation.privateMode()) {
                icons.getChildren().add(FontIcon.of(Feather.LOCK, 12));
            }
            setGraphic(icons);
            MenuItem rename = new MenuItem("Rename (F2)");
            rename.setOnAction(e -> list.edit(getIndex()));
            MenuItem pin = new MenuItem(conversation.pinned() ? "Unpin" : "Pin");
            pin.setOnAction(e -> model.list().togglePin(conversation));
            MenuItem delete = new MenuItem("Delete (Delete)");
            delete.setOnAction(e -> model.list().delete(conversation));
            setContextMenu(new ContextMenu(rename, pin, delete));
        }
    }
}
