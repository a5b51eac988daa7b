package jarvis.devices.printers;

import java.util.Locale;

/**
 * The space a printer prints in, in millimetres: width (x), depth (y) and height (z); a round bed (a delta's) is
 * {@code width} across.
 */
public record BuildVolume(double width, double depth, double height, boolean round) {

    /** "250 × 210 × 220 mm", or "Ø 200 × 300 mm" for a round bed. */
    public String words() {
        return round ? String.format(Locale.ROOT, "Ø %.0f × %.0f mm", width, height)
                : String.format(Locale.ROOT, "%.0f × %.0f × %.0f mm", width, depth, height);
    }
}
