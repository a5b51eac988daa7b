package jarvis.cad.external;

import jarvis.cad.parts.Fit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
public final class Slicer {

    /** What slicing made: the G-code, and what PrusaSlicer estimates it takes. */
    public record Sliced(Path gcode, Optional<String> time, Optional<Double> filamentMetres, Optional<Double> filamentGrams) {

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
    public interface Progress {
        void step(double fraction, String doing);
    }

    private static final Pattern STEP = Pattern.compile("^(\\d{1,3}) => (.+)$");
    private static final Pattern TIME = Pattern.compile("^; estimated printing time \\(normal mode\\) = (.+)$", Pattern.MULTILINE);
    private static final Pattern LENGTH = Pattern.compile("^; filament used \\[mm\\] = ([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern WEIGHT = Pattern.compile("^; total filament used \\[g\\] = ([0-9.]+)", Pattern.MULTILINE);
    /** The statistics sit just before the settings PrusaSlicer dumps at the end; this much of the end holds both. */
    private static final int TAIL = 512 * 1024;

    private final String prusaSlicer;
    private final Duration limit;
    private final CommandLine command = new CommandLine("PrusaSlicer", "install PrusaSlicer (Debian: apt install prusa-slicer; macOS: "
            + "from prusa3d.com), or set its path in Settings ▸ CAD");

    public Slicer(String prusaSlicer, Duration limit) {
        this.prusaSlicer = prusaSlicer;
        this.limit = limit;
    }

    /**
     * Slices {@code part} for the printer whose build volume is {@code space}, with its profile, into {@code out}.
     * The part must already be known to fit.
     */
    public Sliced slice(Path part, Path profile, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled) throws CommandException {
        Path readable = binaryStlPrusaSlicerReads(part, out.toAbsolutePath().getParent());
        try {
            return slice(part, readable, profile, space, out, progress, cancelled);
        } finally {
            if (!readable.equals(part)) {
                try {
                    Files.deleteIfExists(readable);
                } catch (IOException e) {
                    // A scratch copy beside the G-code does no harm.
                }
            }
        }
    }

    /**
     * PrusaSlicer (admesh) takes a binary STL for text when none of the 128 bytes after its header is above 127, and
     * then fails to load it ("Loading of a model file failed"): it happens to boxes with zero normals and small
     * positive coordinates. Such a file is handed over as a copy whose first facet's attribute bytes, which nothing
     * reads, are set to 0xFFFF; every other file as it is.
     */
    private static Path binaryStlPrusaSlicerReads(Path part, Path folder) throws CommandException {
        if (!part.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".stl")) {
            return part;
        }
        try {
            byte[] bytes = Files.readAllBytes(part);
            boolean binary = bytes.length >= 84 + 50 && bytes.length == 84 + 50 * (long) Integer.toUnsignedLong(
                    ByteBuffer.wrap(bytes, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (!binary) {
                return part;
            }
            for (int i = 80; i < Math.min(bytes.length, 80 + 128); i++) {
                if ((bytes[i] & 0xff) > 127) {
                    return part;
                }
            }
            bytes[84 + 48] = (byte) 0xff;
            bytes[84 + 49] = (byte) 0xff;
            return Files.write(folder.resolve(".jarvis-" + part.getFileName()), bytes);
        } catch (IOException e) {
            throw new CommandException("Could not read " + part.getFileName() + " to slice it: " + e.getMessage(), e);
        }
    }

    private Sliced slice(Path part, Path readable, Path profile, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled)
            throws CommandException {
        double[] highest = {0};
        List<String> words = List.of(prusaSlicer, "--export-gcode", "--load", profile.toAbsolutePath().toString(),
                "--bed-shape", bedShape(space), "--max-print-height", number(space.height()),
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
                    + number(space.width()) + " × " + number(space.depth()) + " mm): turn or scale the part, or choose a larger printer.");
        }
        if (!result.succeeded()) {
            throw new CommandException("PrusaSlicer could not slice " + part.getFileName() + " (exit " + result.exitCode() + "). It said:\n" + said);
        }
        if (!Files.isRegularFile(out)) {
            throw new CommandException("PrusaSlicer made no G-code for " + part.getFileName() + ": " + (said.contains("Nothing to print")
                    ? "there is nothing to print in it, or none of it lies within the printer's volume." : said));
        }
        progress.step(1, "Sliced");
        return summary(out);
    }

    /** The estimates PrusaSlicer writes near the end of its G-code. */
    public static Sliced summary(Path gcode) throws CommandException {
        String tail;
        try (RandomAccessFile file = new RandomAccessFile(gcode.toFile(), "r")) {
            long from = Math.max(0, file.length() - TAIL);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            tail = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("Could not read the G-code PrusaSlicer wrote (" + gcode + "): " + e.getMessage(), e);
        }
        return new Sliced(gcode, find(TIME, tail), find(LENGTH, tail).map(mm -> Double.parseDouble(mm) / 1000),
                find(WEIGHT, tail).map(Double::parseDouble));
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher found = pattern.matcher(text);
        return found.find() ? Optional.of(found.group(1).strip()) : Optional.empty();
    }

    /** PrusaSlicer's bed outline: a rectangle, or a round bed as a polygon around its centre. */
    private static String bedShape(Fit.Space space) {
        if (!space.round()) {
            return "0x0," + number(space.width()) + "x0," + number(space.width()) + "x" + number(space.depth()) + ",0x" + number(space.depth());
        }
        StringBuilder circle = new StringBuilder();
        double radius = space.width() / 2;
        for (int i = 0; i < 48; i++) {
            double angle = 2 * Math.PI * i / 48;
            circle.append(i == 0 ? "" : ",").append(number(radius + radius * Math.cos(angle))).append('x').append(number(radius + radius * Math.sin(angle)));
        }
        return circle.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
