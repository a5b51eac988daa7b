package jarvis.cad.external;

import jarvis.orchestrator.commands.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One profile per printer in the data folder's {@code slicer} folder, written with sane defaults for its kind the first
 * time it is needed and the person's to edit after: 0.2 mm layers, a 0.4 mm nozzle, 1.75 mm PLA at 215 °C on a 60 °C
 * bed, G-code Marlin 2 style (what OctoPrint's Marlin printers and Klipper both take). PrusaSlicer's is a flat
 * {@code NAME.ini}; OrcaSlicer's is a folder {@code NAME.orca} of its three JSON presets (machine, process, filament),
 * every value a string as OrcaSlicer reads them. The bed and height are not in either: they come from the printer
 * itself at each slice.
 */
public final class SlicerProfiles {

    private static final String DEFAULTS = """
            # Jarvis's profile for %s (%s), for PrusaSlicer. Edit it freely: Jarvis only writes it when it is missing.
            # The bed shape and print height are given at each slice from what the printer says of itself.
            layer_height = 0.2
            first_layer_height = 0.2
            nozzle_diameter = 0.4
            filament_diameter = 1.75
            filament_type = PLA
            filament_density = 1.24
            temperature = 215
            first_layer_temperature = 215
            bed_temperature = 60
            first_layer_bed_temperature = 60
            perimeters = 2
            top_solid_layers = 4
            bottom_solid_layers = 3
            fill_density = 15%%
            fill_pattern = grid
            skirts = 1
            gcode_flavor = marlin2
            """;

    /** OrcaSlicer's three presets in a printer's folder. */
    public static final String MACHINE = "machine.json";
    public static final String PROCESS = "process.json";
    public static final String FILAMENT = "filament.json";

    private final Path folder;

    /** @param folder where the profiles are kept ({@code slicer} in the data folder) */
    public SlicerProfiles(Path folder) {
        this.folder = folder;
    }

    /** The printer's PrusaSlicer profile, written with the defaults for its kind when it has none; a Bambu is sliced by its own slicer. */
    public Path of(String printer, String kind) throws CommandException {
        refuseBambu(printer, kind);
        Path profile = folder.resolve(fileName(printer) + ".ini");
        written(printer, profile, DEFAULTS.formatted(printer, kind));
        return profile;
    }

    /**
     * The printer's OrcaSlicer presets, a folder holding {@link #MACHINE}, {@link #PROCESS} and {@link #FILAMENT}, each
     * written with the defaults for its kind when it is missing (G-code for Klipper behind Moonraker, Marlin 2 otherwise).
     */
    public Path orca(String printer, String kind) throws CommandException {
        refuseBambu(printer, kind);
        Path presets = folder.resolve(fileName(printer) + ".orca");
        String name = "Jarvis " + printer;
        written(printer, presets.resolve(MACHINE), OrcaPresets.machine(name, kind.equalsIgnoreCase("Moonraker") ? "klipper" : "marlin2"));
        written(printer, presets.resolve(PROCESS), OrcaPresets.process(name));
        written(printer, presets.resolve(FILAMENT), OrcaPresets.filament(name));
        return presets;
    }

    private static void refuseBambu(String printer, String kind) throws CommandException {
        if (kind.equalsIgnoreCase("Bambu")) {
            throw new CommandException(printer + " is a Bambu: it prints the 3MF that Bambu Studio or OrcaSlicer slice for it, not "
                    + "G-code sent by Jarvis. Slice it there and drop the sliced .3mf on its tile.");
        }
    }

    private static String fileName(String printer) {
        return printer.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static void written(String printer, Path file, String defaults) throws CommandException {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, defaults);
            }
        } catch (IOException e) {
            throw new CommandException("Could not write the slicer profile for " + printer + " (" + file + "): " + e.getMessage(), e);
        }
    }
}
