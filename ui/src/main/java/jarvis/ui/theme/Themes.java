package jarvis.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/** Applies the AtlantaFX theme the setting asks for; "system" follows the computer's light or dark choice live. */
public final class Themes {

    private String choice = "system";
    private boolean listening;

    /** {@code choice} is one of system, light, dark. Call on the FX thread. */
    public void apply(String choice) {
        this.choice = choice;
        if (!listening) {
            Platform.getPreferences().colorSchemeProperty().addListener((obs, old, scheme) -> refresh());
            listening = true;
        }
        refresh();
    }

    private void refresh() {
        boolean dark = switch (choice) {
            case "dark" -> true;
            case "light" -> false;
            default -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
