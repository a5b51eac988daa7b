package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.routing.Tier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One version of a reply with everything around it: the earlier wording it answered, its reasoning folded, its text
 * rendered as Markdown (again once per frame while it streams), what it waits for, what went wrong with Retry and
 * Open Settings, and a footer with its route badge, thumbs, copy buttons and room for the pager. Parts a reply may
 * never need (reasoning, waiting, remedies) are made only when it does: a long conversation opens faster.
 */
final class ReplyBody extends VBox {

    /** Folds inside a message title themselves in the message's own font, not the theme's larger heading size. */
    static final String FOLD_IN_MESSAGE_FONT = "data:text/css;base64," + Base64.getEncoder().encodeToString(
            ".titled-pane > .title > .text { -fx-font-size: 1em; }".getBytes(StandardCharsets.UTF_8));

    private final MessageItem item;
    private final MarkdownRenderer renderer;
    private final MessageView.Actions actions;
    private final HBox footer;
    private boolean dirty;

    ReplyBody(MessageItem item, boolean live, MarkdownRenderer renderer, MessageView.Actions actions, Node hoverOwner) {
        super(6);
        this.item = item;
        this.renderer = renderer;
        this.actions = actions;
        if (item.question() != null) {
            Label question = small("An answer to your earlier wording: \u201c" + item.question() + "\u201d", Styles.TEXT_MUTED);
            question.setId("earlier-wording");
            getChildren().add(question);
        }
        if (item.folded() != null) {
            getChildren().add(MessageView.fold(item.folded(), renderer));
        }
        reasoningWhenThereIsSome();
        getChildren().add(new ToolCards(item.cards(), actions));
        VBox page = new VBox(8);
        page.getStyleClass().add("markdown");
        page.setMinWidth(0);
        renderer.renderInto(page, item.text().get());
        if (live) {
            renderOncePerFrame(page);
        }
        VBox content = new VBox(page);
        content.getStyleClass().add("reply-content");
        content.setMinWidth(0);
        MessageText.selectable(content, () -> item.text().get(), this);
        getChildren().add(content);
        if (item.state().get() == MessageState.STREAMING) {
            getChildren().add(waitingLabel());
        }
        getChildren().add(problem());
        remediesWhenFailed();
        footer = footer(hoverOwner);
        getChildren().add(footer);
    }

    /** The footer, where the pager goes when the reply has earlier versions. */
    HBox footer() {
        return footer;
    }

    private static Label small(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinWidth(0);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, style);
        return label;
    }

    private void reasoningWhenThereIsSome() {
        Runnable add = () -> {
            if (!item.thinking().get().isEmpty() && lookup("#reasoning") == null) {
                Label text = new Label();
                text.setWrapText(true);
                text.setMinWidth(0);
                text.textProperty().bind(item.thinking());
                TitledPane reasoning = new TitledPane("Reasoning", text);
                reasoning.setId("reasoning");
                reasoning.setExpanded(false);
                reasoning.getStyleClass().add(Styles.DENSE);
                reasoning.getStylesheets().add(FOLD_IN_MESSAGE_FONT);
                getChildren().add(item.question() == null ? 0 : 1, reasoning);
            }
        };
        add.run();
        if (item.thinking().get().isEmpty()) {
            item.thinking().addListener((obs, old, now) -> add.run());
        }
    }

    private Label problem() {
        Label problem = new Label();
        problem.setWrapText(true);
        problem.setMinWidth(0);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setId("reply-error");
        Runnable show = () -> {
            problem.setText(problemText(item));
            problem.setVisible(!problem.getText().isEmpty());
            problem.setManaged(problem.isVisible());
        };
        show.run();
        item.state().addListener((obs, old, state) -> show.run());
        item.error().addListener((obs, old, error) -> show.run());
        return problem;
    }

    static String problemText(MessageItem item) {
        String error = item.error().get() == null ? "" : item.error().get();
        return switch (item.state().get()) {
            case FAILED -> error.isEmpty() ? "This reply failed." : error;
            case CUT -> error.isEmpty() ? "Cut off: the reply stopped before it was complete; what arrived is kept." : error;
            case INTERRUPTED -> error.isEmpty() ? "Interrupted: Jarvis stopped while this reply was arriving." : error;
            case STOPPED -> item.text().get().isBlank() ? "Stopped before any reply." : "Stopped; what arrived is kept.";
            default -> "";
        };
    }

    private static boolean failed(MessageState state) {
        return state == MessageState.FAILED || state == MessageState.CUT;
    }

    /** Retry and Open Settings under a reply that failed or was cut off, shown while it answers the last message. */
    private void remediesWhenFailed() {
        Runnable add = () -> {
            if (failed(item.state().get()) && lookup("#remedies") == null) {
                Button retry = new Button("Retry", FontIcon.of(Feather.ROTATE_CW));
                retry.setId("retry");
                retry.getStyleClass().add(Styles.SMALL);
                retry.setOnAction(e -> actions.retry());
                Button settings = new Button("Open Settings", FontIcon.of(Feather.SETTINGS));
                settings.setId("open-settings");
                settings.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                settings.setOnAction(e -> actions.openSettings());
                HBox remedies = new HBox(6, retry, settings);
                remedies.setId("remedies");
                remedies.setAlignment(Pos.CENTER_LEFT);
                ObservableBooleanValue last = actions.answersLast(item);
                remedies.visibleProperty().bind(Bindings.createBooleanBinding(() -> failed(item.state().get()) && last.get(),
                        item.state(), last));
                remedies.managedProperty().bind(remedies.visibleProperty());
                getChildren().add(getChildren().indexOf(lookup("#reply-error")) + 1, remedies);
            }
        };
        add.run();
        if (!failed(item.state().get())) {
            item.state().addListener((obs, old, now) -> add.run());
        }
    }

    /** Says what a reply with no text yet waits for, counting down to the cloud model's turn; gone once text arrives. */
    private Label waitingLabel() {
        Label label = small("", Styles.TEXT_MUTED);
        label.getStyleClass().remove(Styles.TEXT_SMALL);
        label.setId("waiting");
        Timeline ticks = new Timeline(new KeyFrame(Duration.millis(500), e -> label.setText(waitingText(item))));
        ticks.setCycleCount(Timeline.INDEFINITE);
        Runnable update = () -> {
            String text = waitingText(item);
            label.setText(text);
            label.setVisible(!text.isEmpty());
            label.setManaged(label.isVisible());
            Waiting waiting = item.waiting().get();
            if (label.isVisible() && waiting != null && waiting.takeoverSeconds() > 0 && label.getScene() != null) {
                ticks.play();
            } else {
                ticks.stop();
            }
        };
        update.run();
        item.waiting().addListener((obs, old, now) -> update.run());
        item.state().addListener((obs, old, now) -> update.run());
        item.text().addListener((obs, old, now) -> {
            if (old.isEmpty() != now.isEmpty()) {
                update.run();
            }
        });
        label.sceneProperty().addListener((obs, old, scene) -> update.run());
        return label;
    }

    private static String waitingText(MessageItem item) {
        if (item.state().get() != MessageState.STREAMING || !item.text().get().isEmpty()) {
            return "";
        }
        Waiting waiting = item.waiting().get();
        return waiting == null ? "Waiting for the model…" : waiting.describe(System.nanoTime());
    }

    private HBox footer(Node hoverOwner) {
        HBox badgeBox = new HBox();
        badgeBox.setMinWidth(0);
        HBox.setHgrow(badgeBox, Priority.SOMETIMES);
        Runnable showBadge = () -> badgeBox.getChildren().setAll(item.route().get() == null ? List.of()
                : List.of(new RouteBadge(item.route().get(), item.state().get())));
        showBadge.run();
        item.route().addListener((obs, old, route) -> showBadge.run());
        item.state().addListener((obs, old, state) -> showBadge.run());
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox footer = new HBox(6, badgeBox, verdictButton(true), verdictButton(false), spring,
                MessageText.copyButtons(() -> item.text().get(), hoverOwner));
        footer.setId("reply-footer");
        footer.setAlignment(Pos.CENTER_LEFT);
        return footer;
    }

    private Button verdictButton(boolean satisfied) {
        Button button = MessageText.iconButton(satisfied ? "thumbs-up" : "thumbs-down", satisfied ? Feather.THUMBS_UP : Feather.THUMBS_DOWN,
                satisfied ? "A good answer: Jarvis learns when the local model is enough"
                        : "Not good enough: Jarvis learns to ask the cloud model sooner");
        button.getStyleClass().add("verdict");
        button.setOnAction(event -> actions.rate(item, satisfied));
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
    private void renderOncePerFrame(VBox page) {
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
