package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.ui.fx.Hints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * One message: the person's on the right; a reply on the left ({@link ReplyBody}), a replaced local answer folded
 * away, and a reply's earlier versions a click away ("‹ 1 of 2 ›"). Every message copies as Markdown or plain text
 * and its text can be selected ({@link MessageText}).
 */
public final class MessageView extends HBox {

    /** What a message's buttons do beyond copying. */
    public interface Actions {
        /** The person's thumbs up (true) or down (false) on a reply. */
        void rate(MessageItem reply, boolean satisfied);

        /** Answers the last message again, after a failure. */
        void retry();

        /** Opens Settings, where a server's address or a key is fixed. */
        void openSettings();

        /** Whether {@code reply} answers the conversation's last message (only such a reply can be retried). */
        ObservableBooleanValue answersLast(MessageItem reply);

        /** Undoes the change a card made; says what came of it. */
        CompletableFuture<String> undo(ToolRunner.Card card);
    }

    private static final double PERSON_SHARE = 0.8;
    static final double REPLY_MAX_WIDTH = 860;

    private final MarkdownRenderer renderer;
    private final Actions actions;
    private final VBox reply = new VBox(6);
    /** Each version's view, made when first shown and kept: paging back and forth makes nothing new. */
    private final Map<Integer, ReplyBody> bodies = new HashMap<>();

    public MessageView(MessageItem item, MarkdownRenderer renderer, Actions actions) {
        this.renderer = renderer;
        this.actions = actions;
        setPadding(new Insets(4, 12, 4, 12));
        getStyleClass().add("message");
        if (item.fromPerson()) {
            person(item);
        } else if (item.state().get() == MessageState.SUPERSEDED) {
            setAlignment(Pos.CENTER_LEFT);
            getChildren().add(fold(item, renderer));
        } else {
            setAlignment(Pos.CENTER_LEFT);
            reply.getStyleClass().add("reply");
            reply.setMaxWidth(REPLY_MAX_WIDTH);
            reply.setMinWidth(0);
            HBox.setHgrow(reply, Priority.ALWAYS);
            List<MessageItem> versions = new ArrayList<>(item.earlier().get());
            versions.add(item);
            show(versions, versions.size() - 1);
            getChildren().add(reply);
        }
    }

    private void person(MessageItem item) {
        Label text = new Label();
        text.textProperty().bind(item.text());
        text.setWrapText(true);
        text.setMinWidth(0);
        text.setPadding(new Insets(8, 12, 8, 12));
        text.setStyle("-fx-background-color: -color-accent-subtle; -fx-background-radius: 12;");
        text.getStyleClass().add("person-message");
        // The bubble takes at most most of the chat's width and wraps inside it, at any window size.
        text.maxWidthProperty().bind(widthProperty().multiply(PERSON_SHARE));
        setAlignment(Pos.CENTER_RIGHT);
        setSpacing(6);
        getChildren().addAll(MessageText.copyButtons(() -> item.text().get(), this), text);
        MessageText.selectable(text, () -> item.text().get(), this);
    }

    /** A local answer an escalation replaced: folded, in the message font; one that never produced text says so. */
    static Node fold(MessageItem item, MarkdownRenderer renderer) {
        String from = item.model() == null ? "the local model" : item.model();
        if (item.text().get().isBlank()) {
            Label nothing = new Label("No answer from " + from + (item.error().get().isEmpty() ? "" : ": " + item.error().get()));
            nothing.setId("replaced-local-answer");
            nothing.setWrapText(true);
            nothing.setMinWidth(0);
            nothing.getStyleClass().add(Styles.TEXT_MUTED);
            return nothing;
        }
        VBox page = new VBox(8);
        page.getStyleClass().add("markdown");
        page.setMinWidth(0);
        renderer.renderInto(page, item.text().get());
        TitledPane fold = new TitledPane("Local answer from " + from + ", replaced", page);
        fold.setId("replaced-local-answer");
        Hints.explain(fold, "The local model's answer, kept: the cloud model was asked instead (the badge below says why).");
        fold.setMinWidth(0);
        fold.setMaxWidth(REPLY_MAX_WIDTH);
        fold.getStyleClass().add(Styles.DENSE);
        fold.getStylesheets().add(ReplyBody.FOLD_IN_MESSAGE_FONT);
        fold.setExpanded(false);
        HBox.setHgrow(fold, Priority.ALWAYS);
        return fold;
    }

    /** Shows version {@code index} of a reply's versions (the last is the newest), with the pager when there are several. */
    private void show(List<MessageItem> versions, int index) {
        boolean newest = index == versions.size() - 1;
        ReplyBody body = bodies.computeIfAbsent(index, i -> new ReplyBody(versions.get(i), newest, renderer, actions, this));
        body.footer().getChildren().removeIf(node -> "pager".equals(node.getId()));
        if (versions.size() > 1) {
            body.footer().getChildren().add(pager(versions, index));
        }
        reply.getChildren().setAll(body);
    }

    private Node pager(List<MessageItem> versions, int index) {
        Button back = MessageText.iconButton("earlier-version", Feather.CHEVRON_LEFT, "The earlier answer");
        back.setDisable(index == 0);
        back.setOnAction(e -> show(versions, index - 1));
        Button next = MessageText.iconButton("later-version", Feather.CHEVRON_RIGHT, "The later answer");
        next.setDisable(index == versions.size() - 1);
        next.setOnAction(e -> show(versions, index + 1));
        Label where = new Label((index + 1) + " of " + versions.size());
        where.setId("version-label");
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        where.setMinWidth(Region.USE_PREF_SIZE);
        HBox pager = new HBox(2, back, where, next);
        pager.setId("pager");
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.setMinWidth(Region.USE_PREF_SIZE);
        return pager;
    }
}
