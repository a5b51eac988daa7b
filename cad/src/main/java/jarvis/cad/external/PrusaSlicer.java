package jarvis.cad.external;

import jarvis.cad.parts.Fit;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.commands.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slices a part into G-code with PrusaSlicer's command line: the printer's flat profile loaded, its bed and height
 * given from the printer's own build volume, the part placed on the bed by PrusaSlicer's arrange. PrusaSlicer's progress lines ("70 =>
 * Infilling layers", not in order) become a rising fraction; its failures are explained (2.5 aborts with exit 134 when
 * a part does not fit on the bed, and slices a too-tall part without a word, which is why the caller checks the fit
 * first); the estimated time and filament are read from the G-code's closing comments.
 */
public final class PrusaSlicer implements Slicer {

    private static final Pattern STEP = Pattern.compile("^(\\d{1,3}) => (.+)$");

    private final String prusaSlicer;
    private final Duration limit;
    private final CommandLine command = new CommandLine("PrusaSlicer", "install PrusaSlicer (Debian: apt install prusa-slicer; macOS: "
            + "from prusa3d.com), or set its path in Settings ▸ CAD", Programs.WHEN_SLOW);

    public PrusaSlicer(String prusaSlicer, Duration limit) {
        this.prusaSlicer = prusaSlicer;
        this.limit = limit;
    }

    @Override
    public String name() {
        return "PrusaSlicer";
    }

    /** A flat {@code NAME.ini}, written with the defaults for the printer's kind when it is missing (see {@link SlicerProfiles}). */
    @Override
    public Path profile(Path folder, String printer, String kind) throws CommandException {
        return new SlicerProfiles(folder).of(printer, kind);
    }

    @Override
    public Sliced slice(Path part, Path profile, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled) throws CommandException {
        return AdmeshCopy.slicing(part, out.toAbsolutePath().getParent(), readable -> slice(part, readable, profile, space, out, progress, cancelled));
    }

    private Sliced slice(Path part, Path readable, Path profile, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled)
            throws CommandException {
        double[] highest = {0};
        List<String> words = List.of(prusaSlicer, "--export-gcode", "--load", profile.toAbsolutePath().toString(),
                "--bed-shape", String.join(",", space.outline()), "--max-print-height", Fit.Space.number(space.height()),
                // No --center: PrusaSlicer's arrange places the part on the bed, and refuses (exit 134) one that does not fit.
                "--output", out.toAbsolutePath().toString(), readable.toAbsolutePath().toString());
        CommandLine.Result result = command.run(words, out.toAbsolutePath().getParent(), limit, line -> {
            Matcher step = STEP.matcher(line.strip());
            if (step.matches()) {
                // PrusaSlicer's steps come out of order (70 before 30): the bar only goes forward.
                highest[0] = Math.max(highest[0], Integer.parseInt(step.group(1)) / 100.0);
                progress.step(highest[0], step.group(2));
            }
        }, cancelled);
        String said = Programs.plain(result.tail(8));
        if (result.exitCode() == 134 || said.contains("could not fit on the bed")) {
            throw new CommandException("PrusaSlicer could not place " + part.getFileName() + " on " + space.printer() + "'s bed ("
                    + Fit.Space.number(space.width()) + " × " + Fit.Space.number(space.depth())
                    + " mm): turn or scale the part, or choose a larger printer.");
        }
        if (!result.succeeded()) {
            throw new CommandException("PrusaSlicer could not slice " + part.getFileName() + " (exit " + result.exitCode() + "). It said:\n" + said);
        }
        if (!Files.isRegularFile(out)) {
            throw new CommandException("PrusaSlicer made no G-code for " + part.getFileName() + ": " + (said.contains("Nothing to print")
                    ? "there is nothing to print in it, or none of it lies within the printer's volume." : said));
        }
        progress.step(1, "Sliced");
        return GcodeSummary.read(out);
    }
}
