package jarvis.ui.chat;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The line under a reply: tier, model, time to first token, total time, tokens in and out, cost, and why it
 * escalated. Clicking it opens the whole route record.
 */
public final class RouteBadge extends FlowPane {

    public RouteBadge(RouteRecord route) {
        super(8, 2);
        getStyleClass().add("route-badge");
        setId("route-badge");
        setAlignment(Pos.CENTER_LEFT);
        setCursor(Cursor.HAND);
        Label tier = new Label(route.tier().label() + (route.escalated() ? " (escalated)" : ""));
        tier.getStyleClass().addAll(Styles.TEXT_SMALL, "tier-" + route.tier().name().toLowerCase(Locale.ROOT));
        tier.setStyle("-fx-background-color: " + switch (route.tier()) {
            case LOCAL -> "-color-success-subtle";
            case CLOUD -> "-color-accent-subtle";
            case FAST_PATH -> "-color-neutral-subtle";
        } + "; -fx-background-radius: 8; -fx-padding: 0 6 0 6;");
        getChildren().add(tier);
        for (String part : parts(route)) {
            Label label = new Label(part);
            label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            getChildren().add(label);
        }
        setOnMouseClicked(e -> details(route).show(this));
    }

    static List<String> parts(RouteRecord route) {
        List<String> parts = new ArrayList<>();
        if (route.model() != null) {
            parts.add(route.model());
        }
        if (route.firstTokenMillis() != null) {
            parts.add("first token " + route.firstTokenMillis() + " ms");
        }
        if (route.totalMillis() != null) {
            parts.add(String.format(Locale.ROOT, "%.1f s", route.totalMillis() / 1000.0));
        }
        if (route.tier() != Tier.FAST_PATH) {
            parts.add(route.tokensIn() + " → " + route.tokensOut() + " tokens");
            parts.add(route.cost() == null ? "price unknown" : route.tier() == Tier.LOCAL ? "free"
                    : "$" + route.cost().setScale(4, RoundingMode.HALF_UP).toPlainString());
        }
        if (route.score() != null) {
            parts.add(String.format(Locale.ROOT, "local score %.2f", route.score()));
        }
        if (route.escalated() || route.reasons().stream().anyMatch(r -> r.contains("not escalated"))) {
            parts.add(route.reasons().getLast());
        }
        return parts;
    }

    private static Popover details(RouteRecord route) {
        VBox body = new VBox(4);
        body.setPadding(new Insets(8));
        body.setMaxWidth(560);
        Label title = new Label("Route " + route.id().substring(0, 8) + " · correlation " + route.correlationId());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        body.getChildren().add(title);
        body.getChildren().add(new Label("Answered by: " + route.tier().label() + (route.provider() == null ? "" : " · " + route.provider())
                + (route.model() == null ? "" : " · " + route.model())));
        for (String reason : route.reasons()) {
            Label line = new Label("• " + reason);
            line.setWrapText(true);
            body.getChildren().add(line);
        }
        Popover popover = new Popover(body);
        popover.setTitle("Why this route");
        popover.setArrowLocation(Popover.ArrowLocation.BOTTOM_LEFT);
        return popover;
    }
}
