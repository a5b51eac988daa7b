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

    /**
     * Loads the theme the computer's light or dark choice asks for, without following it: a start-up warms the
     * stylesheet with this before the settings are read, and {@link #apply} keeps it when the setting agrees.
     */
    public static void preload() {
        show(systemIsDark());
    }

    private void refresh() {
        show(switch (choice) {
            case "dark" -> true;
            case "light" -> false;
            default -> systemIsDark();
        });
    }

    private static boolean systemIsDark() {
        return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    }

    private static void show(boolean dark) {
        String stylesheet = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        // Setting the same stylesheet again would parse it again.
        if (!stylesheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }
}
