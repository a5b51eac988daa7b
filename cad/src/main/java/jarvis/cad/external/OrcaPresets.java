package jarvis.cad.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Jarvis's default OrcaSlicer presets for a printer, the same print as its PrusaSlicer profile: 0.2 mm layers, a 0.4 mm
 * nozzle, 1.75 mm PLA at 215 °C on a 60 °C bed. Every value is a string (or a list of strings), as OrcaSlicer reads its
 * presets: a number is skipped and its default stands. OrcaSlicer takes the bed's temperature from the slot of the
 * plate type chosen (Cool Plate unless a project says otherwise), so every plate type's slot holds it; and the start
 * G-code heats and waits itself, rather than trusting the slicer to add it.
 */
final class OrcaPresets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PLATES = List.of("cool_plate_temp", "eng_plate_temp", "hot_plate_temp", "textured_plate_temp",
            "supertack_plate_temp", "textured_cool_plate_temp");

    private OrcaPresets() {}

    /** The machine: the bed and height are placeholders, set from the printer itself at each slice. */
    static String machine(String name, String flavor) {
        ObjectNode machine = preset("machine", name).put("printer_technology", "FFF").put("gcode_flavor", flavor)
                .put("printable_height", "220").put("machine_start_gcode", String.join("\n",
                        "M140 S[bed_temperature_initial_layer_single] ; bed on", "G28 ; home all axes",
                        "M190 S[bed_temperature_initial_layer_single] ; wait for the bed",
                        "M109 S[nozzle_temperature_initial_layer] ; wait for the nozzle", "G1 Z5 F5000 ; lift nozzle"))
                .put("machine_end_gcode", String.join("\n", "M104 S0 ; nozzle off", "M140 S0 ; bed off", "G91", "G1 Z10 F600", "G90",
                        "M84 ; motors off"));
        machine.putArray("nozzle_diameter").add("0.4");
        machine.putArray("printable_area").add("0x0").add("220x0").add("220x220").add("0x220");
        return written(machine);
    }

    /** The process, compatible with the machine named {@code name}. */
    static String process(String name) {
        ObjectNode process = preset("process", name + " 0.2 mm").put("layer_height", "0.2").put("initial_layer_print_height", "0.2")
                .put("wall_loops", "2").put("top_shell_layers", "4").put("bottom_shell_layers", "3").put("sparse_infill_density", "15%")
                .put("sparse_infill_pattern", "grid").put("skirt_loops", "1");
        process.putArray("compatible_printers").add(name);
        return written(process);
    }

    /** PLA, its bed temperature in every plate type's slot. */
    static String filament(String name) {
        ObjectNode filament = preset("filament", name + " PLA");
        filament.putArray("filament_type").add("PLA");
        filament.putArray("filament_diameter").add("1.75");
        filament.putArray("filament_density").add("1.24");
        filament.putArray("nozzle_temperature").add("215");
        filament.putArray("nozzle_temperature_initial_layer").add("215");
        for (String plate : PLATES) {
            filament.putArray(plate).add("60");
            filament.putArray(plate + "_initial_layer").add("60");
        }
        return written(filament);
    }

    private static ObjectNode preset(String type, String name) {
        return JSON.createObjectNode().put("type", type).put("from", "system").put("name", name);
    }

    private static String written(ObjectNode preset) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(preset) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
