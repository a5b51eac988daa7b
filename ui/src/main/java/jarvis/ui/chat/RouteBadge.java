package jarvis.ui.chat;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.ui.fx.Hints;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The line under a reply: who answered (or that it failed), the model, time to first token, total time, tokens in and
 * out, cost, and why it escalated, each explained on hover. Clicking it, or the route key, opens the whole route
 * record beside it.
 */
public final class RouteBadge extends FlowPane {

    private static final double DETAILS_WIDTH = 460;
    private static final double MIN_DETAILS_HEIGHT = 120;
    /** Room kept free between the details and the window's edge, for the arrow and the shadow. */
    private static final double DETAILS_MARGIN = 48;

    private final RouteRecord route;
    private final MessageState state;
    private Popover details;
    private ScrollPane detailsScroller;

    public RouteBadge(RouteRecord route, MessageState state) {
        super(8, 2);
        this.route = route;
        this.state = state;
        getStyleClass().add("route-badge");
        setId("route-badge");
        setAlignment(Pos.CENTER_LEFT);
        setCursor(Cursor.HAND);
        RouteWords.Look look = RouteWords.look(route, state);
        Label chip = new Label(RouteWords.chip(route, state));
        chip.setId("route-chip");
        chip.getStyleClass().addAll(Styles.TEXT_SMALL, "route-" + look.name().toLowerCase(Locale.ROOT));
        if (look == RouteWords.Look.FAILED || look == RouteWords.Look.CUT) {
            chip.setGraphic(FontIcon.of(look == RouteWords.Look.FAILED ? Feather.X_OCTAGON : Feather.SCISSORS, 11));
        }
        Hints.explain(chip, RouteWords.title(route, state));
        chip.setStyle("-fx-background-color: " + switch (look) {
            case FAILED -> "-color-danger-subtle";
            case CUT -> "-color-warning-subtle";
            case LOCAL -> "-color-success-subtle";
            case CLOUD -> "-color-accent-subtle";
            case FAST_PATH -> "-color-neutral-subtle";
        } + "; -fx-background-radius: 8; -fx-padding: 0 6 0 6;");
        getChildren().add(chip);
        for (RouteWords.Part part : RouteWords.parts(route, state)) {
            Label label = new Label(part.text());
            label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Hints.explain(label, part.meaning());
            getChildren().add(label);
        }
        setOnMouseClicked(e -> showDetails());
    }

    /**
     * Opens the route's details beside the badge, on the side with more room inside the window, and no taller than
     * that room: what does not fit scrolls.
     */
    public void showDetails() {
        if (getScene() == null) {
            return;
        }
        if (details == null) {
            details = details();
        }
        Bounds onScene = localToScene(getBoundsInLocal());
        double above = onScene.getMinY();
        double below = getScene().getHeight() - onScene.getMaxY();
        boolean up = above > below;
        double room = Math.max(MIN_DETAILS_HEIGHT, (up ? above : below) - DETAILS_MARGIN);
        detailsScroller.setMaxHeight(room);
        details.setArrowLocation(up ? Popover.ArrowLocation.BOTTOM_LEFT : Popover.ArrowLocation.TOP_LEFT);
        details.show(this);
    }

    /** The open details, for tests; null until first opened. */
    Popover detailsPopover() {
        return details;
    }

    private Popover details() {
        VBox body = new VBox(6);
        body.setId("route-details");
        body.setPadding(new Insets(8));
        body.setPrefWidth(DETAILS_WIDTH);
        body.setMaxWidth(DETAILS_WIDTH);
        Label title = new Label(RouteWords.title(route, state));
        title.setId("route-title");
        title.setWrapText(true);
        title.getStyleClass().add(Styles.TITLE_4);
        body.getChildren().add(title);
        Label why = new Label("Why");
        why.getStyleClass().add(Styles.TEXT_BOLD);
        body.getChildren().add(why);
        for (String reason : route.reasons()) {
            Label line = new Label("• " + reason);
            line.setWrapText(true);
            body.getChildren().add(line);
        }
        for (RouteWords.Part part : RouteWords.parts(route, state)) {
            Label line = new Label(part.text() + ": " + part.meaning());
            line.setWrapText(true);
            line.getStyleClass().add(Styles.TEXT_MUTED);
            body.getChildren().add(line);
        }
        TextField ids = new TextField("route " + route.id() + " · correlation " + route.correlationId());
        ids.setId("route-ids");
        ids.setEditable(false);
        ids.getStyleClass().add(Styles.SMALL);
        HBox.setHgrow(ids, Priority.ALWAYS);
        Button copy = new Button(null, FontIcon.of(Feather.COPY, 12));
        copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        copy.setTooltip(Hints.tooltip("Copy the ids (for the log and './jarvis routes')"));
        copy.setOnAction(e -> Hints.copy(ids.getText()));
        HBox idRow = new HBox(4, ids, copy);
        idRow.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().add(idRow);
        detailsScroller = new ScrollPane(body);
        detailsScroller.setFitToWidth(true);
        detailsScroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        detailsScroller.getStyleClass().add("edge-to-edge");
        Popover popover = new Popover(detailsScroller);
        popover.setHeaderAlwaysVisible(false);
        popover.setDetachable(false);
        return popover;
    }
}
