package jarvis.cad.parts;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Whether a part fits a printer's build volume as it lies, turned a quarter on the bed, or not at all, height
 * included: a slicer refuses a part wider than the bed but slices one too tall, and the print fails at the top. The
 * build volume it was checked against comes with it, when the printer told it.
 */
public record Fit(String printer, Verdict verdict, String words, Optional<Space> space) {

    public enum Verdict { FITS, FITS_TURNED, TOO_TALL, TOO_WIDE, UNKNOWN }

    /** A printer's build volume in millimetres; a round bed is {@code width} across. */
    public record Space(String printer, double width, double depth, double height, boolean round) {

        /**
         * The plate's outline as slicers take it, corners "XxY" in mm: a rectangle's four from its corner at 0, 0, or 48
         * around a round bed's centre at 0, 0, where a delta printer (Marlin's DELTA, Klipper's delta) has its origin.
         */
        public List<String> outline() {
            if (!round) {
                return List.of("0x0", number(width) + "x0", number(width) + "x" + number(depth), "0x" + number(depth));
            }
            double radius = width / 2;
            return IntStream.range(0, 48).mapToDouble(i -> 2 * Math.PI * i / 48)
                    .mapToObj(angle -> number(radius * Math.cos(angle)) + "x" + number(radius * Math.sin(angle))).toList();
        }

        /** A size in mm as the slicers take it on their command lines and in their presets: 220, 220.5, never 220.00. */
        public static String number(double value) {
            // Rounded first, and -0 made 0: a circle's corners are never "-0x100".
            return String.format(Locale.ROOT, "%.2f", Math.round(value * 100) / 100.0 + 0.0).replaceAll("\\.?0+$", "");
        }
    }

    /** Slack for float meshes and rounding: a 250 mm part on a 250 mm bed fits. */
    private static final double SLACK = 0.01;

    public boolean fits() {
        return verdict == Verdict.FITS || verdict == Verdict.FITS_TURNED;
    }

    /** A printer whose build volume is not known: said, not guessed. */
    public static Fit unknown(String printer, String why) {
        return new Fit(printer, Verdict.UNKNOWN, why, Optional.empty());
    }

    public static Fit check(MeshAnalysis part, Mesh.Units units, Space space) {
        double mm = units.millimetres();
        double x = part.sizeX() * mm;
        double y = part.sizeY() * mm;
        double z = part.sizeZ() * mm;
        String size = String.format(Locale.ROOT, "%.1f × %.1f × %.1f mm", x, y, z);
        String bed = space.round() ? String.format(Locale.ROOT, "Ø %.0f × %.0f mm", space.width(), space.height())
                : String.format(Locale.ROOT, "%.0f × %.0f × %.0f mm", space.width(), space.depth(), space.height());
        boolean flat = space.round() ? Math.hypot(x, y) <= space.width() + SLACK : x <= space.width() + SLACK && y <= space.depth() + SLACK;
        boolean turned = !space.round() && y <= space.width() + SLACK && x <= space.depth() + SLACK;
        if (!flat && !turned) {
            return new Fit(space.printer(), Verdict.TOO_WIDE, String.format(Locale.ROOT, "too wide: %s does not lie within %s's %s bed, "
                    + "even turned", size, space.printer(), bed), Optional.of(space));
        }
        if (z > space.height() + SLACK) {
            return new Fit(space.printer(), Verdict.TOO_TALL, String.format(Locale.ROOT, "too tall: %.1f mm high for %s's %.0f mm "
                    + "(a slicer would slice it anyway); lay it on a side", z, space.printer(), space.height()), Optional.of(space));
        }
        return flat ? new Fit(space.printer(), Verdict.FITS, "fits " + space.printer() + " (" + size + " in " + bed + ")", Optional.of(space))
                : new Fit(space.printer(), Verdict.FITS_TURNED, "fits " + space.printer() + " turned a quarter on the bed (" + size + " in " + bed + ")",
                Optional.of(space));
    }
}
