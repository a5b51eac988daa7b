package jarvis.cad.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One flat PrusaSlicer profile per printer ({@code slicer/NAME.ini} in the data folder), written with sane defaults
 * for its kind the first time it is needed and the person's to edit after: 0.2 mm layers, a 0.4 mm nozzle, 1.75 mm
 * PLA at 215 °C on a 60 °C bed, G-code Marlin 2 style (what OctoPrint's Marlin printers and Klipper both take). The
 * bed and height are not in it: they come from the printer itself at each slice.
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

    private final Path folder;

    /** @param folder where the profiles are kept ({@code slicer} in the data folder) */
    public SlicerProfiles(Path folder) {
        this.folder = folder;
    }

    /** The printer's profile, written with the defaults for its kind when it has none; a Bambu is sliced by its own slicer. */
    public Path of(String printer, String kind) throws CommandException {
        if (kind.equalsIgnoreCase("Bambu")) {
            throw new CommandException(printer + " is a Bambu: it prints the 3MF that Bambu Studio or OrcaSlicer slice for it, not "
                    + "PrusaSlicer's G-code. Slice it there and drop the sliced .3mf on its tile.");
        }
        Path profile = folder.resolve(printer.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".ini");
        try {
            Files.createDirectories(folder);
            if (!Files.exists(profile)) {
                Files.writeString(profile, DEFAULTS.formatted(printer, kind));
            }
        } catch (IOException e) {
            throw new CommandException("Could not write the slicer profile for " + printer + " (" + profile + "): " + e.getMessage(), e);
        }
        return profile;
    }
}
