package jarvis.app;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.parts.Fit;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Whether a part fits each of the workshop's printers: every printer asked its build volume at once (each within its
 * driver's timeout), and a printer that cannot say is named as such rather than guessed.
 */
final class PartFits {

    private final PrinterBook printers;

    PartFits(PrinterBook printers) {
        this.printers = printers;
    }

    List<Fit> of(MeshAnalysis part, Mesh.Units units) {
        try (ExecutorService asking = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Fit>> fits = printers.entries().stream()
                    .map(entry -> CompletableFuture.supplyAsync(() -> fit(entry, part, units), asking)).toList();
            return fits.stream().map(CompletableFuture::join).toList();
        }
    }

    private Fit fit(PrinterBook.Entry entry, MeshAnalysis part, Mesh.Units units) {
        try {
            return printers.buildVolume(entry).map(volume -> Fit.check(part, units, new Fit.Space(entry.name(), volume.width(), volume.depth(),
                    volume.height(), volume.round()))).orElse(Fit.unknown(entry.name(), entry.name() + "'s build volume is not known: "
                    + switch (entry.kind()) {
                        case OCTOPRINT -> "OctoPrint has only its generic default profile; choose the printer's own in OctoPrint's Printer Profiles.";
                        case MOONRAKER -> "Klipper does not give its axis limits.";
                        case BAMBU -> "its serial number names a Bambu model Jarvis does not know yet.";
                    }));
        } catch (PrinterException e) {
            return Fit.unknown(entry.name(), "could not ask " + entry.name() + " its build volume: " + e.getMessage());
        } catch (RuntimeException e) {
            // One printer answering nonsense (a proxy's page, a bad address) must not hide the part from the others.
            return Fit.unknown(entry.name(), entry.name() + "'s answer about its build volume made no sense: " + e.getMessage());
        }
    }
}
