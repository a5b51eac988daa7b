package jarvis.cad.external;

import jarvis.orchestrator.commands.CommandException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The estimates a slicer writes near the end of its G-code. PrusaSlicer and OrcaSlicer (for printers other than
 * Bambu's) both close with "; filament used [mm] = …", "; total filament used [g] = …" and "; estimated printing time
 * (normal mode) = …", before the settings they dump; with several extruders the lengths are separated by ", ".
 */
public final class GcodeSummary {

    private static final Pattern TIME = Pattern.compile("^; estimated printing time \\(normal mode\\) = (.+)$", Pattern.MULTILINE);
    private static final Pattern LENGTH = Pattern.compile("^; filament used \\[mm\\] = ([0-9., ]+)", Pattern.MULTILINE);
    private static final Pattern WEIGHT = Pattern.compile("^; total filament used \\[g\\] = ([0-9.]+)", Pattern.MULTILINE);
    /** The statistics sit just before the settings the slicer dumps at the end; this much of the end holds both. */
    private static final int TAIL = 512 * 1024;

    private GcodeSummary() {}

    /** The G-code with its estimates: the time, and the filament (all extruders' lengths added up). */
    public static Slicer.Sliced read(Path gcode) throws CommandException {
        String tail;
        try (RandomAccessFile file = new RandomAccessFile(gcode.toFile(), "r")) {
            long from = Math.max(0, file.length() - TAIL);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            tail = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("Could not read the G-code the slicer wrote (" + gcode + "): " + e.getMessage(), e);
        }
        return new Slicer.Sliced(gcode, find(TIME, tail), find(LENGTH, tail).map(GcodeSummary::metres), find(WEIGHT, tail).map(Double::parseDouble));
    }

    private static double metres(String millimetres) {
        double sum = 0;
        for (String each : millimetres.split(",")) {
            sum += each.isBlank() ? 0 : Double.parseDouble(each.strip());
        }
        return sum / 1000;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher found = pattern.matcher(text);
        return found.find() ? Optional.of(found.group(1).strip()) : Optional.empty();
    }
}
