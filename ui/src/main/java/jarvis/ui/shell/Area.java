package jarvis.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The areas of the navigation rail, in rail order; Cmd/Ctrl+1…8 follow this order. */
public enum Area {
    CHAT("Chat", Feather.MESSAGE_SQUARE),
    HOME("Home", Feather.HOME),
    PRINTERS("Printers", Feather.PRINTER),
    CAMERAS("Cameras", Feather.CAMERA),
    CAD("CAD", Feather.BOX),
    STUDIO("Studio", Feather.MUSIC),
    ACTIVITY("Activity", Feather.ACTIVITY),
    SETTINGS("Settings", Feather.SETTINGS);

    private final String title;
    private final Ikon icon;

    Area(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** 1 for Chat … 8 for Settings: the digit of its shortcut. */
    public int shortcutDigit() {
        return ordinal() + 1;
    }
}
