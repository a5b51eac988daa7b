package jarvis.ui.shell;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.health.Health;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The strip along the bottom: a dot and a name per integration, the detail in a tooltip. */
public final class StatusBar extends HBox {

    public StatusBar(StatusBarViewModel model) {
        setId("status-bar");
        setSpacing(16);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 12, 4, 12));
        getStyleClass().add("status-bar");
        render(model);
        model.integrations().addListener((ListChangeListener<Health>) change -> render(model));
    }

    private void render(StatusBarViewModel model) {
        getChildren().setAll(model.integrations().stream().map(StatusBar::entry).toList());
    }

    /**
     * One integration: a mark whose shape, colour and words all say the state (a tick, a cross, a dash or a clock),
     * so that it reads without telling red from green.
     */
    private static Label entry(Health health) {
        Feather shape = switch (health.status()) {
            case REACHABLE -> Feather.CHECK_CIRCLE;
            case UNREACHABLE -> Feather.X_CIRCLE;
            case NOT_CONFIGURED -> Feather.MINUS_CIRCLE;
            case CHECKING -> Feather.CLOCK;
        };
        FontIcon dot = FontIcon.of(shape, 12);
        String style = switch (health.status()) {
            case REACHABLE -> Styles.SUCCESS;
            case UNREACHABLE -> Styles.DANGER;
            case NOT_CONFIGURED -> Styles.TEXT_MUTED;
            case CHECKING -> Styles.WARNING;
        };
        dot.getStyleClass().add(style);
        String state = switch (health.status()) {
            case REACHABLE -> "reachable";
            case UNREACHABLE -> "down";
            case NOT_CONFIGURED -> "not set up";
            case CHECKING -> "checking";
        };
        Label label = new Label(health.status() == Health.Status.REACHABLE ? health.integration() : health.integration() + ": " + state, dot);
        label.setId("status-" + health.integration().toLowerCase().replace(' ', '-'));
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setAccessibleText(health.integration() + ": " + state);
        Tooltip tooltip = new Tooltip(health.integration() + " — " + state + "\n" + health.detail());
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        label.setTooltip(tooltip);
        label.getProperties().put("status", health.status());
        return label;
    }
}
