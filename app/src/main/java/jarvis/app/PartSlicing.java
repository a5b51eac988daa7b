package jarvis.app;

import jarvis.cad.external.Slicer;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.PartReader;
import jarvis.devices.printers.BuildVolume;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.orchestrator.commands.CommandException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Slicing a part for one of the workshop's printers: the printer asked its build volume, the part read and checked
 * against it first (PrusaSlicer aborts on a part wider than the bed and slices one too tall without a word), then
 * sliced by the chosen slicer with the printer's profile from the profiles folder.
 */
public final class PartSlicing {

    private final PrinterBook printers;
    private final PartReader reader;
    private final Path profiles;
    private final Slicer slicer;

    PartSlicing(PrinterBook printers, PartReader reader, Path profiles, Slicer slicer) {
        this.printers = printers;
        this.reader = reader;
        this.profiles = profiles;
        this.slicer = slicer;
    }

    /** Slices {@code part} for {@code printer} into {@code out}; every refusal says why and what to do. */
    public Slicer.Sliced slice(Path part, String printer, Path out, Slicer.Progress progress, BooleanSupplier cancelled)
            throws CommandException, MeshException {
        Fit.Space space = space(printer);
        Path profile = profile(printer);
        progress.step(0, "Reading " + part.getFileName());
        PartReader.Read read = reader.read(part, line -> { }, cancelled);
        if (read.mesh().isEmpty()) {
            throw new CommandException(part.getFileName() + " has no geometry to slice. " + read.note().orElse(""));
        }
        Fit fit = Fit.check(read.analysis().orElseThrow(), read.mesh().get().units(), space);
        if (!fit.fits()) {
            throw new CommandException(part.getFileName() + " is not sliced: it is " + fit.words() + ".");
        }
        return slicer.slice(part, profile, space, out, progress, cancelled);
    }

    /**
     * Whether parts can be sliced for this printer at all, before any part is read: its build volume is known and it
     * has a profile (a Bambu has none: Bambu Studio slices for it). Returns the space a part must fit.
     */
    public Fit.Space check(String printer) throws CommandException {
        Fit.Space space = space(printer);
        profile(printer);
        return space;
    }

    private Path profile(String printer) throws CommandException {
        PrinterBook.Entry entry = printers.entry(printer).orElseThrow();
        return slicer.profile(profiles, entry.name(), entry.kind().label());
    }

    /** A printer's build volume as the space a part must fit, the printer asked (once); a refusal says why there is none. */
    public Fit.Space space(String printer) throws CommandException {
        PrinterBook.Entry entry = printers.entry(printer).orElseThrow(() -> new CommandException("There is no printer '" + printer
                + "': the printers are " + String.join(", ", printers.entries().stream().map(PrinterBook.Entry::name).toList()) + "."));
        BuildVolume volume;
        try {
            volume = printers.buildVolume(entry).orElseThrow(() -> new CommandException(entry.name() + "'s build volume is not known, so "
                    + "the part cannot be checked against it; its " + entry.kind().label() + " does not say it."));
        } catch (PrinterException e) {
            throw new CommandException("Could not ask " + entry.name() + " its build volume: " + e.getMessage(), e);
        }
        return new Fit.Space(entry.name(), volume.width(), volume.depth(), volume.height(), volume.round());
    }
}
