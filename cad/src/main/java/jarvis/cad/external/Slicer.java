package jarvis.cad.external;

import jarvis.cad.parts.Fit;
import jarvis.orchestrator.commands.CommandException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A slicer's command line (PrusaSlicer, OrcaSlicer): a part into G-code for one printer, with that printer's profile
 * and its build volume, with progress, cancellable, every failure explained.
 */
public interface Slicer {

    /** What slicing made: the G-code, and what the slicer estimates it takes. */
    record Sliced(Path gcode, Optional<String> time, Optional<Double> filamentMetres, Optional<Double> filamentGrams) {

        /** "1h 2m 3s, 4.2 m of filament (12.5 g)". */
        public String words() {
            StringBuilder words = new StringBuilder(time.orElse("time unknown"));
            filamentMetres.ifPresent(metres -> words.append(String.format(Locale.ROOT, ", %.2f m of filament", metres)));
            filamentGrams.filter(grams -> grams > 0).ifPresent(grams -> words.append(String.format(Locale.ROOT, " (%.1f g)", grams)));
            return words.toString();
        }
    }

    /** Progress as slicing goes: how far (0 to 1) and what it is doing. */
    @FunctionalInterface
    interface Progress {
        void step(double fraction, String doing);
    }

    /** The slicer's name, as messages say it. */
    String name();

    /** The printer's profile in {@code folder}, written with sane defaults for its kind the first time; a Bambu has none. */
    Path profile(Path folder, String printer, String kind) throws CommandException;

    /**
     * Slices {@code part} for the printer whose build volume is {@code space}, with its profile, into {@code out}.
     * The part must already be known to fit.
     */
    Sliced slice(Path part, Path profile, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled) throws CommandException;
}
