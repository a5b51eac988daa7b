package jarvis.ui.shell;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.health.Health;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
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

    private static Label entry(Health health) {
        FontIcon dot = FontIcon.of(Feather.CIRCLE, 10);
        Label label = new Label(health.integration(), dot);
        label.setId("status-" + health.integration().toLowerCase().replace(' ', '-'));
        label.getStyleClass().add(Styles.TEXT_SMALL);
        String style = switch (health.status()) {
            case REACHABLE -> Styles.SUCCESS;
            case UNREACHABLE -> Styles.DANGER;
            case NOT_CONFIGURED -> Styles.TEXT_MUTED;
            case CHECKING -> Styles.WARNING;
        };
        dot.getStyleClass().add(style);
        String state = switch (health.status()) {
            case REACHABLE -> "reachable";
            case UNREACHABLE -> "unreachable";
            case NOT_CONFIGURED -> "not configured";
            case CHECKING -> "checking";
        };
        label.setAccessibleText(health.integration() + ": " + state);
        label.setTooltip(new Tooltip(health.integration() + " — " + state + "\n" + health.detail()));
        label.getProperties().put("status", health.status());
        return label;
    }
}
