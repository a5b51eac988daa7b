package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Chat area: the conversation list on the left (it keeps its width when the window changes size; the person sets
 * it by dragging the divider), the open conversation on the right with its input box. Enter sends, Shift+Enter breaks
 * the line, Tab moves on (Ctrl+Tab types a tab), Esc stops a reply or leaves an edit, Up edits the last message.
 * Shortcut+N starts a conversation, Shortcut+F finds one, F2 renames it, Delete deletes it (with Undo), and
 * Shortcut+I opens the route details of the last reply.
 */
public final class ChatView extends SplitPane {

    /** Below this header width its buttons show only their icons (their tooltips still name them). */
    static final double COMPACT_HEADER = 620;
    public static final double DEFAULT_LIST_WIDTH = 280;
    static final double MIN_LIST_WIDTH = 200;
    private static final double MAX_LIST_SHARE = 0.3;

    private final ChatViewModel model;
    private final Runnable openSettings;
    private final Node emptyState;
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final MessageColumn messageColumn;
    private final ScrollPane scroller = new ScrollPane();
    private final ChatInput chatInput;
    private final TextArea input;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final ConversationListPane listPane;
    private double listWidth = DEFAULT_LIST_WIDTH;

    /**
     * @param openSettings opens the Settings area (from a failed reply's Open Settings)
     * @param firstRun     what an empty conversation shows above its hint while no local model can answer
     */
    public ChatView(ChatViewModel model, Runnable openSettings, Region firstRun) {
        this.model = model;
        this.openSettings = openSettings;
        this.emptyState = emptyState(firstRun);
        this.messageColumn = new MessageColumn(model.messages(), item -> new MessageView(item, renderer, actions()), () -> emptyState);
        setId("chat-view");
        listPane = new ConversationListPane(model, this::startNew);
        chatInput = new ChatInput(model);
        input = chatInput.field();
        getItems().addAll(listPane, conversation());
        keepListWidth();
        model.list().refresh();
        model.list().firstListing().thenRun(() -> whenInScene(this::focusWhenReady));
        // Conversations started on the command line beside the window show up when the window is used again.
        sceneProperty().flatMap(scene -> scene.windowProperty()).flatMap(window -> window.focusedProperty())
                .addListener((obs, was, focused) -> {
                    if (Boolean.TRUE.equals(focused)) {
                        model.list().refresh();
                        model.refreshCloud();
                    }
                });
        installShortcuts();
        // Settings may have set up (or turned off) the cloud while another area was open.
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                model.refreshCloud();
            }
        });
    }

    private MessageView.Actions actions() {
        return new MessageView.Actions() {
            @Override
            public void rate(MessageItem reply, boolean satisfied) {
                model.rate(reply, satisfied);
            }

            @Override
            public void retry() {
                model.retry();
                input.requestFocus();
            }

            @Override
            public void openSettings() {
                openSettings.run();
            }

            @Override
            public ObservableBooleanValue answersLast(MessageItem reply) {
                return model.answersLast(reply);
            }

            @Override
            public CompletableFuture<String> undo(ToolRunner.Card card) {
                return model.undo(card);
            }
        };
    }

    /** Puts controls beside the chat box, before Send, and a line of theirs above it: the microphone's. */
    public void besideInput(Node controls, Node line) {
        chatInput.beside(controls, line);
    }

    // ---- the list and its width ----

    /** The list's width as the person left it, to be remembered between runs. */
    public double listWidth() {
        return listWidth;
    }

    /** Sets the list's width (a remembered one); it is kept when the window changes size. */
    public void setListWidth(double width) {
        listWidth = Math.max(MIN_LIST_WIDTH, width);
        placeDivider();
    }

    /**
     * The window's size moves the divider to the kept width; only the person moves the kept width, by dragging the
     * divider (the split pane's own adjustments while laying out are not theirs).
     */
    private void keepListWidth() {
        widthProperty().addListener((obs, old, width) -> placeDivider());
        addEventFilter(MouseEvent.MOUSE_RELEASED, event -> {
            Node target = event.getTarget() instanceof Node picked ? picked : null;
            for (Node node = target; node != null && node != this; node = node.getParent()) {
                if (node.getStyleClass().contains("split-pane-divider")) {
                    listWidth = Math.max(MIN_LIST_WIDTH, listPane.getWidth());
                    return;
                }
            }
        });
    }

    /** Puts the divider at the kept width; a narrow window gives the list at most part of itself, without forgetting the width. */
    private void placeDivider() {
        double width = getWidth();
        if (width <= 0) {
            return;
        }
        double shown = Math.min(listWidth, Math.max(MIN_LIST_WIDTH, width * MAX_LIST_SHARE));
        setDividerPosition(0, shown / width);
    }

    // ---- the open conversation ----

    private BorderPane conversation() {
        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setMinWidth(0);
        title.setWrapText(true);
        title.textProperty().bind(model.selected().map(Conversation::title).orElse("New conversation"));
        ToggleButton privately = new ToggleButton("Private", FontIcon.of(Feather.LOCK));
        privately.setId("private-toggle");
        privately.setTooltip(new Tooltip("Private: this conversation never leaves this machine"));
        privately.setSelected(model.isPrivate());
        model.privateNow().addListener((obs, was, now) -> privately.setSelected(now));
        privately.setOnAction(e -> model.setPrivate(privately.isSelected()));
        Button again = new Button("Regenerate", FontIcon.of(Feather.REFRESH_CW));
        again.setId("regenerate");
        again.setTooltip(new Tooltip("Answer the last message again; the earlier answer stays a click away"));
        again.setOnAction(e -> {
            model.regenerate();
            input.requestFocus();
        });
        again.disableProperty().bind(model.canAnswerAgain().not());
        Button cloud = new Button("Ask the cloud", FontIcon.of(Feather.CLOUD));
        cloud.setId("ask-cloud");
        cloud.setOnAction(e -> {
            model.askCloud();
            input.requestFocus();
        });
        cloud.disableProperty().bind(model.canAnswerAgain().not().or(model.privateNow()).or(model.cloudReady().not()));
        // A disabled button shows no tooltip of its own, so the reason sits on its wrapper.
        StackPane cloudHolder = new StackPane(cloud);
        cloudHolder.setId("ask-cloud-holder");
        Tooltip cloudTip = new Tooltip();
        cloudTip.textProperty().bind(Bindings.when(model.privateNow())
                .then("Ask the cloud is off: this conversation is private, so nothing in it leaves this machine. Turn Private off to ask the cloud model.")
                .otherwise(Bindings.when(model.cloudReady())
                        .then("Answer the last message again with the cloud model")
                        .otherwise("Ask the cloud is off: no cloud model is set up, or offline mode is on. Choose a provider and its key in "
                                + "Settings → Cloud.")));
        cloudTip.setWrapText(true);
        cloudTip.setMaxWidth(360);
        Tooltip.install(cloudHolder, cloudTip);
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, title, spring, privately, again, cloudHolder);
        header.setId("chat-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 12, 10, 12));
        for (ButtonBase button : List.of(privately, again, cloud)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.contentDisplayProperty().bind(header.widthProperty().map(width -> width.doubleValue() < COMPACT_HEADER
                    ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT));
        }

        scroller.setContent(messageColumn);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("edge-to-edge");
        scroller.setId("message-scroller");
        messageColumn.heightProperty().addListener((obs, old, height) -> {
            if (!messageColumn.showedEarlier()) {
                scroller.setVvalue(1.0);
            }
        });

        BorderPane pane = new BorderPane(scroller);
        pane.setMinWidth(0);
        pane.setTop(header);
        pane.setBottom(chatInput);
        return pane;
    }

    /** An empty conversation: the first-run panel while it is needed, else a hint of what to ask. One node, made once. */
    private static Node emptyState(Region firstRun) {
        Label hint = new Label("Ask anything. The model on this machine answers first; the cloud model is asked only when "
                + "its answer is not good enough and this conversation allows it. Try \"what can you do\".");
        hint.setId("chat-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.setMinWidth(0);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.visibleProperty().bind(firstRun.visibleProperty().not());
        hint.managedProperty().bind(hint.visibleProperty());
        VBox centred = new VBox(16, firstRun, hint);
        centred.setAlignment(Pos.TOP_CENTER);
        centred.setPadding(new Insets(48, 24, 24, 24));
        centred.paddingProperty().bind(firstRun.visibleProperty().map(shown -> new Insets(shown ? 24 : 120, 24, 24, 24)));
        return centred;
    }

    // ---- shortcuts ----

    static String shortcut(String key) {
        return (System.getProperty("os.name", "").toLowerCase().contains("mac") ? "⌘" : "Ctrl+") + key;
    }

    /** The area's shortcuts hold while it is on screen: they are put on the scene when it is shown and taken off when it is not. */
    private void installShortcuts() {
        KeyCombination newOne = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
        KeyCombination find = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
        KeyCombination route = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
        KeyCombination rename = new KeyCodeCombination(KeyCode.F2);
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.getAccelerators().keySet().removeAll(List.of(newOne, find, route, rename));
            }
            if (scene != null) {
                scene.getAccelerators().put(newOne, this::startNew);
                scene.getAccelerators().put(find, listPane::focusSearch);
                scene.getAccelerators().put(route, this::showLastRoute);
                scene.getAccelerators().put(rename, listPane::renameOpen);
            }
        });
    }

    private void startNew() {
        model.newConversation();
        input.requestFocus();
    }

    /** Opens the route details of the last reply that has a route. */
    private void showLastRoute() {
        var views = messageColumn.lookupAll("#route-badge");
        RouteBadge last = null;
        for (Node node : views) {
            if (node instanceof RouteBadge badge) {
                last = badge;
            }
        }
        if (last != null) {
            last.showDetails();
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
