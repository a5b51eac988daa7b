package jarvis.cad.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.parts.Fit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Slices a part into G-code with OrcaSlicer's command line. The printer's presets (machine, process, filament; see
 * {@link SlicerProfiles#orca}) are loaded with the machine's bed and height set from the printer's own build volume in a
 * copy; OrcaSlicer arranges the part on the plate and writes {@code plate_1.gcode} into a scratch folder, which becomes
 * {@code out}. Its status lines ({@code default_status_callback: percent=40, …}, logged at --debug 4) become a rising
 * bar; its failures, negative codes seen as an exit status of 256 plus the code (CLI_NO_SUITABLE_OBJECTS -50 is 206)
 * and on Linux also in {@code result.json}, are explained. The estimates are read as PrusaSlicer's are.
 */
public final class OrcaSlicer implements Slicer {

    private static final Pattern STATUS = Pattern.compile("default_status_callback: percent=(-?\\d+),.*?message=(.*?)(?:, message_type=.*)?$");
    /** SIGSEGV: OrcaSlicer 2.3 crashes so on Linux without a display. */
    private static final int CRASHED = 128 + 11;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String orcaSlicer;
    private final Duration limit;
    private final CommandLine command = new CommandLine("OrcaSlicer", "install OrcaSlicer (github.com/SoftFever/OrcaSlicer releases; "
            + "macOS: OrcaSlicer.app in Applications), or set its path in Settings ▸ CAD");

    public OrcaSlicer(String orcaSlicer, Duration limit) {
        this.orcaSlicer = orcaSlicer;
        this.limit = limit;
    }

    @Override
    public String name() {
        return "OrcaSlicer";
    }

    /** A folder {@code NAME.orca} of the three presets, written with the defaults for the printer's kind when missing. */
    @Override
    public Path profile(Path folder, String printer, String kind) throws CommandException {
        return new SlicerProfiles(folder).orca(printer, kind);
    }

    @Override
    public Sliced slice(Path part, Path presets, Fit.Space space, Path out, Progress progress, BooleanSupplier cancelled) throws CommandException {
        Path folder = out.toAbsolutePath().getParent();
        Path work = folder.resolve(".jarvis-orca-" + out.getFileName());
        try {
            emptied(work);
            return AdmeshCopy.slicing(part, folder, readable -> slice(part, readable, presets, space, out, work, progress, cancelled));
        } finally {
            try {
                emptied(work);
                Files.deleteIfExists(work);
            } catch (CommandException | IOException e) {
                // A scratch folder beside the G-code does no harm.
            }
        }
    }

    private Sliced slice(Path part, Path readable, Path presets, Fit.Space space, Path out, Path work, Progress progress, BooleanSupplier cancelled)
            throws CommandException {
        Path machine = machineFor(presets, space, work);
        double[] highest = {0};
        List<String> words = List.of(orcaSlicer, "--load-settings", machine + ";" + presets.resolve(SlicerProfiles.PROCESS).toAbsolutePath(),
                "--load-filaments", presets.resolve(SlicerProfiles.FILAMENT).toAbsolutePath().toString(), "--arrange", "1", "--orient", "0",
                "--slice", "0", "--debug", "4", "--outputdir", work.toString(), readable.toAbsolutePath().toString());
        CommandLine.Result result = command.run(words, work, limit, line -> {
            Matcher status = STATUS.matcher(line);
            if (status.find()) {
                int percent = Integer.parseInt(status.group(1));
                if (percent >= 0 && percent <= 100) {
                    highest[0] = Math.max(highest[0], percent / 100.0);
                    progress.step(highest[0], status.group(2).strip());
                }
            }
        }, cancelled);
        if (result.exitCode() != 0) {
            throw failure(part, presets, space, result, work);
        }
        Path plate = work.resolve("plate_1.gcode");
        if (!Files.isRegularFile(plate)) {
            throw new CommandException("OrcaSlicer made no G-code for " + part.getFileName() + ". It said:\n" + said(result));
        }
        try {
            Files.move(plate, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CommandException("Could not keep the G-code OrcaSlicer wrote for " + part.getFileName() + ": " + e.getMessage(), e);
        }
        progress.step(1, "Sliced");
        return GcodeSummary.read(out);
    }

    /** A copy of the machine preset with the printer's own bed and height: the person's preset keeps what they set, the printer says its size. */
    private static Path machineFor(Path presets, Fit.Space space, Path work) throws CommandException {
        Path preset = presets.resolve(SlicerProfiles.MACHINE);
        ObjectNode machine;
        try {
            JsonNode read = JSON.readTree(preset.toFile());
            if (!(read instanceof ObjectNode object)) {
                throw new CommandException("OrcaSlicer's machine preset " + preset + " is not a JSON object. Fix it, or delete it for Jarvis's defaults.");
            }
            machine = object;
        } catch (IOException e) {
            throw new CommandException("OrcaSlicer's machine preset " + preset + " cannot be read: " + e.getMessage()
                    + ". Fix it, or delete it for Jarvis's defaults.", e);
        }
        ArrayNode area = machine.putArray("printable_area");
        bed(space).forEach(area::add);
        machine.put("printable_height", Programs.number(space.height()));
        Path copy = work.resolve(SlicerProfiles.MACHINE);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), machine);
        } catch (IOException e) {
            throw new CommandException("Could not write the machine preset for OrcaSlicer (" + copy + "): " + e.getMessage(), e);
        }
        return copy;
    }

    /** OrcaSlicer's plate outline: the rectangle's corners, or a round bed as a polygon around its centre. */
    private static List<String> bed(Fit.Space space) {
        if (!space.round()) {
            String w = Programs.number(space.width());
            String d = Programs.number(space.depth());
            return List.of("0x0", w + "x0", w + "x" + d, "0x" + d);
        }
        double radius = space.width() / 2;
        return Stream.iterate(0, i -> i < 48, i -> i + 1).map(i -> 2 * Math.PI * i / 48)
                .map(angle -> Programs.number(radius + radius * Math.cos(angle)) + "x" + Programs.number(radius + radius * Math.sin(angle))).toList();
    }

    /** What went wrong, from OrcaSlicer's code (its exit status, or its result.json on Linux), in words with what to do. */
    private static CommandException failure(Path part, Path presets, Fit.Space space, CommandLine.Result result, Path work) {
        String file = part.getFileName().toString();
        if (result.exitCode() == CRASHED) {
            return new CommandException("OrcaSlicer crashed while slicing " + file + ". On Linux it needs a display: run Jarvis in a desktop "
                    + "session, or under xvfb-run.");
        }
        Optional<JsonNode> report = report(work);
        int code = report.map(json -> json.path("return_code").asInt(0)).filter(value -> value != 0)
                .orElse(result.exitCode() > 127 ? result.exitCode() - 256 : result.exitCode());
        String error = report.map(json -> json.path("error_string").asText("")).filter(text -> !text.isBlank()).orElse(said(result));
        String bed = Programs.number(space.width()) + " × " + Programs.number(space.depth()) + " mm, " + Programs.number(space.height()) + " mm high";
        return new CommandException(switch (code) {
            case -50, -52 -> "OrcaSlicer could not place " + file + " wholly on " + space.printer() + "'s plate (" + bed
                    + "): turn or scale the part, or choose a larger printer.";
            case -17 -> "OrcaSlicer's process preset does not suit the machine preset in " + presets + ": its compatible_printers must name "
                    + "the machine preset's name. Fix it, or delete the folder for Jarvis's defaults.";
            case -5, -18 -> "OrcaSlicer could not use the presets in " + presets + " (" + error + "). Fix them, or delete the folder for "
                    + "Jarvis's defaults.";
            case -3 -> "OrcaSlicer could not find a file it was given: " + error;
            case -6 -> "OrcaSlicer could not read " + file + ": " + error;
            case -100 -> "OrcaSlicer failed while slicing " + file + ": " + error;
            default -> "OrcaSlicer could not slice " + file + " (exit " + result.exitCode() + "). It said:\n" + error;
        });
    }

    /** OrcaSlicer's result.json, which it writes on Linux for every slice that got past its command line. */
    private static Optional<JsonNode> report(Path work) {
        Path file = work.resolve("result.json");
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines OrcaSlicer printed, without its log's status and debug chatter. */
    private static String said(CommandLine.Result result) {
        List<String> lines = result.lines().stream().filter(line -> !STATUS.matcher(line).find() && !line.contains("[debug]")
                && !line.contains("[trace]")).toList();
        return Programs.plain(String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
    }

    /** Empties {@code folder} (made when missing): what an earlier slice left there is not this one's. */
    private static void emptied(Path folder) throws CommandException {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> inside = Files.walk(folder)) {
                    for (Path each : inside.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(folder)).toList()) {
                        Files.delete(each);
                    }
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CommandException("Could not make a scratch folder for OrcaSlicer (" + folder + "): " + e.getMessage(), e);
        }
    }
}
