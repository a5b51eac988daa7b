package jarvis.cad.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.parts.Fit;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.commands.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
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
            + "macOS: OrcaSlicer.app in Applications), or set its path in Settings ▸ CAD", Programs.WHEN_SLOW);

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
        // At --debug 4 the log is long: what it says is wrong is kept as it comes, not looked for in its last lines.
        Complaints complaints = new Complaints();
        List<String> words = List.of(orcaSlicer, "--load-settings", machine + ";" + presets.resolve(SlicerProfiles.PROCESS).toAbsolutePath(),
                "--load-filaments", presets.resolve(SlicerProfiles.FILAMENT).toAbsolutePath().toString(), "--arrange", "1", "--orient", "0",
                "--slice", "0", "--debug", "4", "--outputdir", work.toString(), readable.toAbsolutePath().toString());
        CommandLine.Result result = command.run(words, work, limit, line -> {
            complaints.hear(line);
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
            throw failure(part, presets, space, result, complaints, work);
        }
        Path plate = work.resolve("plate_1.gcode");
        if (!Files.isRegularFile(plate)) {
            throw new CommandException("OrcaSlicer made no G-code for " + part.getFileName() + ". It said:\n" + said(result, complaints));
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
        space.outline().forEach(area::add);
        machine.put("printable_height", Fit.Space.number(space.height()));
        Path copy = work.resolve(SlicerProfiles.MACHINE);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), machine);
        } catch (IOException e) {
            throw new CommandException("Could not write the machine preset for OrcaSlicer (" + copy + "): " + e.getMessage(), e);
        }
        return copy;
    }

    /** What went wrong, from OrcaSlicer's code (its exit status, or its result.json on Linux), in words with what to do. */
    private static CommandException failure(Path part, Path presets, Fit.Space space, CommandLine.Result result, Complaints complaints,
                                            Path work) {
        String file = part.getFileName().toString();
        if (result.exitCode() == CRASHED) {
            return new CommandException("OrcaSlicer crashed while slicing " + file + ". Some versions crash so on Linux without a display: "
                    + "run Jarvis in a desktop session or under xvfb-run, or try another OrcaSlicer version.");
        }
        Optional<JsonNode> report = report(work);
        int code = report.map(json -> json.path("return_code").asInt(0)).filter(value -> value != 0)
                .orElse(result.exitCode() > 127 ? result.exitCode() - 256 : result.exitCode());
        String error = report.map(json -> json.path("error_string").asText("")).filter(text -> !text.isBlank()).orElse(said(result, complaints));
        String bed = Fit.Space.number(space.width()) + " × " + Fit.Space.number(space.depth()) + " mm, " + Fit.Space.number(space.height()) + " mm high";
        return new CommandException(switch (code) {
            case -50, -52 -> "OrcaSlicer could not place " + file + " wholly on " + space.printer() + "'s plate (" + bed
                    + "): turn or scale the part, or choose a larger printer.";
            case -17 -> "OrcaSlicer's process preset does not suit the machine preset in " + presets + ": its compatible_printers must name "
                    + "the machine preset's name. Fix it, or delete the folder for Jarvis's defaults.";
            case -5 -> "OrcaSlicer could not use the presets in " + presets + " (" + error + "). Fix them, or delete the folder for "
                    + "Jarvis's defaults.";
            case -18, -51 -> "OrcaSlicer found settings it cannot print with in " + presets + " (" + error + "). Fix them, or delete the "
                    + "folder for Jarvis's defaults.";
            case -21 -> "OrcaSlicer could not arrange " + file + " on " + space.printer() + "'s plate (" + bed + "): " + error;
            case -102, -104 -> "OrcaSlicer's toolpath for " + file + " leaves " + space.printer() + "'s plate (" + bed + "): turn or scale the "
                    + "part, or check the presets' skirt and brim.";
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

    /** What OrcaSlicer complained of (see {@link Complaints}), else the last lines it printed that are not its debug log. */
    private static String said(CommandLine.Result result, Complaints complaints) {
        if (!complaints.heard().isEmpty()) {
            return String.join("\n", complaints.heard());
        }
        List<String> lines = result.lines().stream().filter(line -> !line.contains("] [debug]") && !line.contains("] [trace]")
                && !line.contains("] [info]")).toList();
        return Programs.plain(String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
    }

    /**
     * The last few things OrcaSlicer's log says are wrong: its error and fatal lines, and the status lines it marks as
     * fatal warnings ({@code message_type=2}, such as floating regions), which it logs at debug level. Lines it prints on
     * every run, right or wrong, are not kept: its version banner (a warning) and the exclude-triangles error.
     */
    private static final class Complaints {
        private static final Pattern LINE = Pattern.compile("^\\[[^]]*] \\[[^]]*] \\[(error|fatal)]\\s*(.*)$");
        private static final Pattern FATAL_WARNING = Pattern.compile("default_status_callback: .*?message=(.*?), message_type=2");
        private static final List<String> HARMLESS = List.of("cli mode, Current OrcaSlicer Version", "calc_exclude_triangles");
        private static final int KEPT = 8;
        private final Deque<String> heard = new ArrayDeque<>();

        /** Called for each line as it comes, on the reading thread. */
        synchronized void hear(String line) {
            Matcher error = LINE.matcher(line);
            Matcher warning = FATAL_WARNING.matcher(line);
            String said = error.find() ? error.group(2).strip() : warning.find() ? warning.group(1).strip() : null;
            if (said == null || said.isEmpty() || HARMLESS.stream().anyMatch(said::contains)) {
                return;
            }
            heard.addLast(said);
            if (heard.size() > KEPT) {
                heard.removeFirst();
            }
        }

        synchronized List<String> heard() {
            return List.copyOf(heard);
        }
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
