package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.routing.Tier;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One message: the person's on the right; a reply on the left, rendered as Markdown while it grows, its reasoning
 * folded above it, its route badge below, and a replaced local answer folded away.
 */
public final class MessageView extends HBox {

    private final MarkdownRenderer renderer;
    private boolean dirty;

    /** {@code onVerdict} takes the person's thumbs up (true) or down (false) on a reply. */
    public MessageView(MessageItem item, MarkdownRenderer renderer, BiConsumer<MessageItem, Boolean> onVerdict) {
        this.renderer = renderer;
        setPadding(new Insets(4, 12, 4, 12));
        getStyleClass().add("message");
        if (item.fromPerson()) {
            Label text = new Label();
            text.textProperty().bind(item.text());
            text.setWrapText(true);
            text.setMaxWidth(620);
            text.setPadding(new Insets(8, 12, 8, 12));
            text.setStyle("-fx-background-color: -color-accent-subtle; -fx-background-radius: 12;");
            text.getStyleClass().add("person-message");
            setAlignment(Pos.CENTER_RIGHT);
            getChildren().add(text);
            return;
        }
        setAlignment(Pos.CENTER_LEFT);
        VBox reply = new VBox(6);
        reply.getStyleClass().add("reply");
        reply.setMaxWidth(760);
        HBox.setHgrow(reply, Priority.ALWAYS);
        VBox content = new VBox();
        content.getStyleClass().add("reply-content");
        TitledPane reasoning = new TitledPane("Reasoning", new Label());
        reasoning.setExpanded(false);
        reasoning.getStyleClass().add(Styles.DENSE);
        reasoning.setId("reasoning");
        Label reasoningText = new Label();
        reasoningText.setWrapText(true);
        reasoningText.textProperty().bind(item.thinking());
        reasoning.setContent(reasoningText);
        reasoning.visibleProperty().bind(item.thinking().isNotEmpty());
        reasoning.managedProperty().bind(reasoning.visibleProperty());
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setId("reply-error");
        Label streaming = new Label("…");
        streaming.getStyleClass().add(Styles.TEXT_MUTED);
        streaming.visibleProperty().bind(item.state().isEqualTo(MessageState.STREAMING));
        streaming.managedProperty().bind(streaming.visibleProperty());
        VBox badge = new VBox();
        VBox page = new VBox(8);
        page.getStyleClass().add("markdown");
        content.getChildren().add(page);
        renderer.renderInto(page, item.text().get());
        renderOncePerFrame(page, item);
        Runnable showProblem = () -> {
            String error = item.error().get();
            MessageState state = item.state().get();
            String shown = switch (state) {
                case FAILED -> error;
                case CUT -> "Cut off: " + (error == null || error.isEmpty() ? "the reply stopped before it was complete." : error);
                case INTERRUPTED -> error.isEmpty() ? "Interrupted: Jarvis stopped while this reply was arriving." : error;
                case STOPPED -> "Stopped; what arrived is kept.";
                default -> "";
            };
            problem.setText(shown == null ? "" : shown);
            problem.setVisible(!problem.getText().isEmpty());
            problem.setManaged(problem.isVisible());
        };
        showProblem.run();
        item.state().addListener((obs, old, state) -> showProblem.run());
        item.error().addListener((obs, old, error) -> showProblem.run());
        Runnable showBadge = () -> badge.getChildren().setAll(item.route().get() == null ? java.util.List.of() : java.util.List.of(new RouteBadge(item.route().get())));
        showBadge.run();
        item.route().addListener((obs, old, route) -> showBadge.run());

        if (item.state().get() == MessageState.SUPERSEDED) {
            VBox replaced = new VBox(6, reasoning, content, problem);
            TitledPane folded = new TitledPane("Local answer" + (item.model() == null ? "" : " from " + item.model())
                    + " (the cloud model was asked instead)", replaced);
            folded.setExpanded(false);
            folded.setId("replaced-local-answer");
            reply.getChildren().add(folded);
        } else {
            HBox footer = new HBox(6, badge, verdictButton(item, true, onVerdict), verdictButton(item, false, onVerdict));
            footer.setAlignment(Pos.CENTER_LEFT);
            reply.getChildren().addAll(reasoning, content, streaming, problem, footer);
        }
        getChildren().add(reply);
    }

    private static Button verdictButton(MessageItem item, boolean satisfied, BiConsumer<MessageItem, Boolean> onVerdict) {
        Button button = new Button(null, FontIcon.of(satisfied ? Feather.THUMBS_UP : Feather.THUMBS_DOWN, 14));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "verdict");
        button.setId(satisfied ? "thumbs-up" : "thumbs-down");
        button.setTooltip(new Tooltip(satisfied ? "A good answer: Jarvis learns when the local model is enough"
                : "Not good enough: Jarvis learns to ask the cloud model sooner"));
        button.setOnAction(event -> onVerdict.accept(item, satisfied));
        // Only a local answer that was scored teaches the router; a verdict on anything else would mean nothing.
        button.visibleProperty().bind(Bindings.createBooleanBinding(() -> item.route().get() != null
                && item.route().get().tier() == Tier.LOCAL && item.route().get().features() != null, item.route()));
        button.managedProperty().bind(button.visibleProperty());
        Runnable mark = () -> {
            button.getStyleClass().remove(Styles.ACCENT);
            if (Boolean.valueOf(satisfied).equals(item.verdict().get())) {
                button.getStyleClass().add(Styles.ACCENT);
            }
        };
        mark.run();
        item.verdict().addListener((obs, old, verdict) -> mark.run());
        return button;
    }

    /**
     * A streaming reply's text may change several times between two frames; its Markdown is rebuilt at most once per
     * frame, just before layout, with whatever text is there by then.
     */
    private void renderOncePerFrame(VBox page, MessageItem item) {
        Runnable renderIfChanged = () -> {
            if (dirty) {
                dirty = false;
                renderer.renderInto(page, item.text().get());
            }
        };
        item.text().addListener((obs, old, text) -> {
            dirty = true;
            Platform.requestNextPulse();
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(renderIfChanged);
            }
            if (scene != null) {
                scene.addPreLayoutPulseListener(renderIfChanged);
                renderIfChanged.run();
            }
        });
    }
}
