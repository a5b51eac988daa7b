package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.ToolRunner;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The tool calls behind a reply, one compact line each: done, refused, expired or failed, what it did in words, a
 * mark on hazardous ones, and Undo where the change can be reversed. Takes no room while there are none.
 */
final class ToolCards extends VBox {

    private final MessageView.Actions actions;

    ToolCards(ObservableList<ToolRunner.Card> cards, MessageView.Actions actions) {
        super(4);
        this.actions = actions;
        setId("tool-cards");
        cards.forEach(card -> getChildren().add(card(card)));
        cards.addListener((ListChangeListener<ToolRunner.Card>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(card -> getChildren().add(card(card)));
            }
        });
        managedProperty().bind(Bindings.isNotEmpty(getChildren()));
        visibleProperty().bind(managedProperty());
    }

    private Node card(ToolRunner.Card card) {
        FontIcon icon = FontIcon.of(icon(card.status()));
        icon.getStyleClass().add(card.status() == ToolRunner.Status.DONE ? Styles.SUCCESS : Styles.DANGER);
        Label summary = new Label(card.summary());
        summary.setWrapText(true);
        summary.setMinWidth(0);
        summary.getStyleClass().add(Styles.TEXT_SMALL);
        summary.setTooltip(new Tooltip(card.tool() + " " + card.description()));
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox line = new HBox(8, icon, summary);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("tool-card");
        line.setStyle("-fx-padding: 4 8; -fx-background-color: -color-bg-subtle; -fx-background-radius: 6;");
        if (card.hazard() == Hazard.HAZARD) {
            Label hazardous = new Label("asked first");
            hazardous.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
            line.getChildren().add(hazardous);
        }
        card.undo().ifPresent(undo -> {
            Button button = new Button("Undo", FontIcon.of(Feather.ROTATE_CCW));
            button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            button.setTooltip(new Tooltip(undo.label()));
            button.setId("tool-card-undo");
            button.setOnAction(e -> {
                button.setDisable(true);
                actions.undo(card).whenComplete((said, failure) -> {
                    button.setText(failure == null ? "Undone" : "Undo failed");
                    button.setTooltip(new Tooltip(failure == null ? said : failure.getMessage()));
                    button.setDisable(failure == null);
                });
            });
            line.getChildren().add(button);
        });
        return line;
    }

    private static Ikon icon(ToolRunner.Status status) {
        return switch (status) {
            case DONE -> Feather.CHECK_CIRCLE;
            case REFUSED -> Feather.SLASH;
            case EXPIRED -> Feather.CLOCK;
            case FAILED -> Feather.ALERT_TRIANGLE;
        };
    }
}
