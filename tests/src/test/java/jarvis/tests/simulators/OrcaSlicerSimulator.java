package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.StlReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OrcaSlicer's command line, for tests: OrcaSlicer is not packaged for Debian and no download can be made here. It is
 * a program of its own ({@link #install} writes an {@code orca-slicer} script that runs it), so the client starts it,
 * reads its output and its exit status exactly as it would the real one. What it does is what OrcaSlicer 2.x's
 * {@code src/OrcaSlicer.cpp} and {@code src/libslic3r/Utils.hpp} do (read from the SoftFever/OrcaSlicer sources):
 * <ul>
 *   <li>options as {@code --key value} or {@code --key=value}; an unknown one is "Invalid option" and code -2, before any
 *       result.json; no action at all would open OrcaSlicer's window;</li>
 *   <li>{@code --load-settings "machine.json;process.json"} and {@code --load-filaments}: a missing file is -3; a file that
 *       is not JSON, whose {@code from} is not system/User/user, whose {@code type} is unknown, or a second machine or
 *       process, is -5; a filament file in {@code --load-settings} is ignored; a value that is a JSON number or boolean
 *       is skipped, so the built-in default (a 200 × 200 mm plate, 100 mm high) stands;</li>
 *   <li>the process's {@code compatible_printers}, when it names any, must name the machine (its {@code name} when it
 *       is from "system", else its {@code inherits}): -17 otherwise;</li>
 *   <li>a model it cannot read is -6; a part not wholly inside the plate after arranging (too wide, or too tall) is
 *       -50, CLI_NO_SUITABLE_OBJECTS;</li>
 *   <li>status lines as Boost.Log writes them at {@code --debug 4}
 *       ({@code default_status_callback: percent=…, warning_step=…, message=…, message_type=…});</li>
 *   <li>the bed heated to the filament's temperature for the plate type chosen ({@code curr_bed_type}, Cool Plate by
 *       default: {@code cool_plate_temp_initial_layer}), placeholders in the start G-code filled in, and heating added
 *       only when the start G-code does not heat;</li>
 *   <li>{@code OUTPUTDIR/plate_1.gcode}, with the header block and the closing statistics of a non-Bambu printer, then
 *       the settings; {@code OUTPUTDIR/result.json} (Linux) with {@code return_code} and {@code error_string}, on success
 *       and on every coded failure; the code as the exit status (a negative code is 256 plus it).</li>
 * </ul>
 * The G-code moves are not a real toolpath: the part's footprint traced layer by layer, enough for the statistics.
 */
public final class OrcaSlicerSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUED = Set.of("load-settings", "load-filaments", "slice", "outputdir", "arrange", "orient", "debug",
            "export-3mf", "datadir", "export-slicedata");
    private static final Set<String> FLAGS = Set.of("allow-newer-file", "min-save", "help");

    private final PrintStream out;
    private Path outputDir = Path.of(".");
    private int debug = 1;

    private OrcaSlicerSimulator(PrintStream out) {
        this.out = out;
    }

    /** Writes an {@code orca-slicer} script in {@code folder} that runs this simulator with this JVM; returns its path. */
    public static Path install(Path folder) throws IOException {
        return install(folder, true);
    }

    /** The same; OrcaSlicer as on macOS or Windows when not {@code linux}: no result.json. */
    public static Path install(Path folder, boolean linux) throws IOException {
        Path script = folder.resolve(linux ? "orca-slicer" : "orca-slicer-mac");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\n" + (linux ? "" : "export ORCA_SIMULATOR_NO_RESULT=1\n") + "exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' " + OrcaSlicerSimulator.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    public static void main(String[] args) {
        System.exit(new OrcaSlicerSimulator(new PrintStream(System.out, true, StandardCharsets.UTF_8)).run(args));
    }

    /** A failure with OrcaSlicer's code and words. */
    private static final class Failed extends Exception {
        final int code;

        Failed(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private int run(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                inputs.add(arg);
                continue;
            }
            String key = arg.substring(2);
            String value = null;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            }
            if (VALUED.contains(key)) {
                options.put(key, value != null ? value : i + 1 < args.length ? args[++i] : "");
            } else if (FLAGS.contains(key)) {
                options.put(key, "1");
            } else {
                out.println("Invalid option --" + key);
                return -2;
            }
        }
        debug = Integer.parseInt(options.getOrDefault("debug", "1"));
        if (options.containsKey("outputdir")) {
            outputDir = Path.of(options.get("outputdir"));
        }
        if (!options.containsKey("slice") && !options.containsKey("export-3mf")) {
            out.println("no action given: OrcaSlicer would open its window here");
            return 1;
        }
        // What OrcaSlicer logs on every run, right or wrong.
        log("warning", "cli mode, Current OrcaSlicer Version 2.3.0");
        try {
            slice(options, inputs);
            report(0, "Success.");
            return 0;
        } catch (Failed e) {
            log("error", e.getMessage());
            out.println("run found error, return " + e.code + ", exit...");
            report(e.code, e.getMessage());
            return e.code;
        }
    }

    private void slice(Map<String, String> options, List<String> inputs) throws Failed {
        ObjectNode machine = null;
        ObjectNode process = null;
        for (String file : options.getOrDefault("load-settings", "").split(";")) {
            if (file.isBlank()) {
                continue;
            }
            ObjectNode preset = preset(file);
            switch (preset.path("type").asText()) {
                case "machine" -> {
                    if (machine != null) {
                        throw new Failed(-5, "duplicate machine config file: " + file);
                    }
                    machine = preset;
                }
                case "process" -> {
                    if (process != null) {
                        throw new Failed(-5, "duplicate process config file: " + file);
                    }
                    process = preset;
                }
                case "filament" -> log("info", "filament file " + file + " in --load-settings, ignored");
                default -> throw new Failed(-5, "unknown config type " + preset.path("type").asText() + " of file " + file);
            }
        }
        ObjectNode filament = JSON.createObjectNode();
        for (String file : options.getOrDefault("load-filaments", "").split(";")) {
            if (!file.isBlank()) {
                filament = preset(file);
                if (!filament.path("type").asText().equals("filament")) {
                    throw new Failed(-5, "file " + file + " is not a filament config");
                }
            }
        }
        if (machine != null && process != null && process.path("compatible_printers").isArray() && !process.path("compatible_printers").isEmpty()) {
            String system = machine.path("from").asText().equals("system") ? machine.path("name").asText() : machine.path("inherits").asText();
            boolean named = false;
            for (JsonNode printer : process.path("compatible_printers")) {
                named |= printer.asText().equals(system);
            }
            if (!named) {
                throw new Failed(-17, "process not compatible with printer.");
            }
        }
        if (inputs.isEmpty()) {
            throw new Failed(-2, "no input model given");
        }
        Path model = Path.of(inputs.getFirst());
        status(5, "Loading " + model.getFileName());
        MeshAnalysis part;
        try {
            part = MeshAnalysis.of(StlReader.read(model));
        } catch (MeshException e) {
            throw new Failed(-6, "Failed loading the input model file: " + e.getMessage());
        }
        double[] plate = plate(machine == null ? null : machine.path("printable_area"));
        double height = text(machine, "printable_height").map(Double::parseDouble).orElse(100.0);
        status(10, "Arranging");
        if (part.sizeX() > plate[0] || part.sizeY() > plate[1] || part.sizeZ() > height) {
            throw new Failed(-50, "No object is fully inside the plate, please check.");
        }
        log("error", "calc_exclude_triangles:Unable to create exclude triangles");
        status(20, "Slicing mesh");
        status(70, "Generating skirt & brim");
        status(40, "Generating infill regions");
        Path gcode = outputDir.resolve("plate_1.gcode");
        try {
            Files.writeString(gcode, gcode(part, plate, machine, process, filament));
        } catch (IOException e) {
            throw new Failed(-100, "export gcode failed: " + e.getMessage());
        }
        status(100, "Slicing finished");
    }

    /** A preset file: JSON whose string values are kept; a value that is a number or a boolean is skipped, as OrcaSlicer does. */
    private ObjectNode preset(String file) throws Failed {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new Failed(-3, "can not find setting file: " + file);
        }
        JsonNode read;
        try {
            read = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new Failed(-5, "load config file " + file + " failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(read instanceof ObjectNode object)) {
            throw new Failed(-5, "load config file " + file + " failed: not an object");
        }
        String from = object.path("from").asText();
        if (!Set.of("system", "User", "user").contains(from)) {
            throw new Failed(-5, "file " + file + "'s from " + from + " unsupported");
        }
        ObjectNode kept = JSON.createObjectNode();
        object.properties().forEach(entry -> {
            if (entry.getValue().isNumber() || entry.getValue().isBoolean()) {
                log("warning", "invalid json type for key " + entry.getKey() + " in " + file);
            } else {
                kept.set(entry.getKey(), entry.getValue());
            }
        });
        return kept;
    }

    /** The plate's width and depth from its outline ("0x0", "220x0", …); OrcaSlicer's default is 200 × 200. */
    private static double[] plate(JsonNode area) {
        if (area == null || !area.isArray() || area.isEmpty()) {
            return new double[] {200, 200};
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode corner : area) {
            String[] xy = corner.asText().split("x");
            double x = Double.parseDouble(xy[0]);
            double y = Double.parseDouble(xy[1]);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        return new double[] {maxX - minX, maxY - minY};
    }

    private String gcode(MeshAnalysis part, double[] plate, ObjectNode machine, ObjectNode process, ObjectNode filament) {
        double layer = text(process, "layer_height").map(Double::parseDouble).orElse(0.2);
        int nozzle = text(filament, "nozzle_temperature_initial_layer").map(Integer::parseInt).orElse(220);
        // The bed's temperature comes from the slot of the plate type chosen: Cool Plate unless the settings say another.
        String slot = switch (text(process, "curr_bed_type").orElse("Cool Plate")) {
            case "Engineering Plate" -> "eng_plate_temp";
            case "High Temp Plate" -> "hot_plate_temp";
            case "Textured PEI Plate" -> "textured_plate_temp";
            default -> "cool_plate_temp";
        };
        int bed = text(filament, slot + "_initial_layer").map(Integer::parseInt).orElse(35);
        double diameter = text(filament, "filament_diameter").map(Double::parseDouble).orElse(1.75);
        double density = text(filament, "filament_density").map(Double::parseDouble).orElse(0.0);
        int layers = Math.max(1, (int) Math.ceil(part.sizeZ() / layer));
        double x0 = (plate[0] - part.sizeX()) / 2;
        double y0 = (plate[1] - part.sizeY()) / 2;
        StringBuilder g = new StringBuilder();
        g.append("; HEADER_BLOCK_START\n; generated by OrcaSlicer 2.3.0 on 2026-12-01 at 04:00:00\n; total layer number: ").append(layers)
                .append("\n; filament_density: ").append(fmt(density)).append("\n; filament_diameter: ").append(fmt(diameter))
                .append("\n; max_z_height: ").append(fmt(layers * layer)).append("\n; HEADER_BLOCK_END\n\n");
        String start = text(machine, "machine_start_gcode").orElse("").replace("[bed_temperature_initial_layer_single]", String.valueOf(bed))
                .replace("[nozzle_temperature_initial_layer]", String.valueOf(nozzle));
        // Heating is added only when the start G-code does not do it itself.
        if (!start.contains("M190") && !start.contains("M140")) {
            g.append("M190 S").append(bed).append('\n');
        }
        if (!start.contains("M109") && !start.contains("M104")) {
            g.append("M109 S").append(nozzle).append('\n');
        }
        g.append(start).append('\n');
        double length = 0;
        for (int i = 1; i <= layers; i++) {
            g.append(";LAYER_CHANGE\n;Z:").append(fmt(i * layer)).append("\nG1 Z").append(fmt(i * layer)).append('\n');
            double[][] corners = {{x0, y0}, {x0 + part.sizeX(), y0}, {x0 + part.sizeX(), y0 + part.sizeY()}, {x0, y0 + part.sizeY()}, {x0, y0}};
            for (double[] corner : corners) {
                g.append("G1 X").append(fmt(corner[0])).append(" Y").append(fmt(corner[1])).append(" E0.05\n");
            }
            length += 2 * (part.sizeX() + part.sizeY()) * 0.05;
        }
        g.append(text(machine, "machine_end_gcode").orElse("")).append('\n');
        double cm3 = length * Math.PI * diameter * diameter / 4 / 1000;
        int seconds = (int) (layers * 12 + part.volume() / 20);
        g.append("; filament used [mm] = ").append(fmt(length)).append('\n')
                .append("; filament used [cm3] = ").append(fmt(cm3)).append('\n');
        if (density > 0) {
            g.append("; filament used [g] = ").append(fmt(cm3 * density)).append('\n');
        }
        g.append("; total filament used [g] = ").append(fmt(cm3 * density)).append('\n')
                .append("; total layers count = ").append(layers).append('\n')
                .append("; estimated printing time (normal mode) = ").append(duration(seconds)).append('\n')
                .append("; estimated first layer printing time (normal mode) = ").append(duration(12)).append("\n\n");
        g.append("; CONFIG_BLOCK_START\n");
        for (ObjectNode preset : new ObjectNode[] {machine, process, filament}) {
            if (preset != null) {
                preset.properties().forEach(entry -> g.append("; ").append(entry.getKey()).append(" = ").append(entry.getValue().isArray()
                        ? String.join(",", entry.getValue().valueStream().map(JsonNode::asText).toList()) : entry.getValue().asText().replace("\n", "\\n"))
                        .append('\n'));
            }
        }
        return g.append("; CONFIG_BLOCK_END\n").toString();
    }

    /** OrcaSlicer's time format: days, hours, minutes, seconds, leading zero units left out. */
    private static String duration(int seconds) {
        int d = seconds / 86400;
        int h = seconds % 86400 / 3600;
        int m = seconds % 3600 / 60;
        int s = seconds % 60;
        return (d > 0 ? d + "d " : "") + (d + h > 0 ? h + "h " : "") + (d + h + m > 0 ? m + "m " : "") + s + "s";
    }

    private static Optional<String> text(ObjectNode preset, String key) {
        if (preset == null || !preset.has(key)) {
            return Optional.empty();
        }
        JsonNode value = preset.get(key);
        return Optional.of(value.isArray() ? value.path(0).asText() : value.asText()).filter(text -> !text.isBlank());
    }

    private void status(int percent, String message) {
        if (debug >= 4) {
            log("debug", "default_status_callback: percent=" + percent + ", warning_step=0, message=" + message + ", message_type=0");
        }
    }

    private void log(String level, String text) {
        int needed = switch (level) {
            case "error" -> 1;
            case "warning" -> 2;
            case "info" -> 3;
            default -> 4;
        };
        if (debug >= needed) {
            out.println("[2026-12-01 04:00:00.000000] [0x00007f0000000001] [" + level + "]   " + text);
        }
    }

    /** result.json in the output folder, as OrcaSlicer writes it on Linux (and only there). */
    private void report(int code, String error) {
        if (System.getenv("ORCA_SIMULATOR_NO_RESULT") != null) {
            return;
        }
        ObjectNode result = JSON.createObjectNode().put("error_string", error).put("export_time", 0).put("plate_index", 0).put("prepare_time", 0)
                .put("return_code", code);
        if (code == 0) {
            result.putArray("sliced_plates").addObject().put("id", 1).put("sliced_time", 1).put("sliced_time_with_cache", 1)
                    .put("triangle_count", 12).put("warning_message", "");
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(outputDir.resolve("result.json").toFile(), result);
        } catch (IOException e) {
            out.println("could not write result.json: " + e.getMessage());
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
