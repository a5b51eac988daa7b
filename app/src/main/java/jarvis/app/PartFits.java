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
                    + "its " + entry.kind().label() + " does not say it."));
        } catch (PrinterException e) {
            return Fit.unknown(entry.name(), "could not ask " + entry.name() + " its build volume: " + e.getMessage());
        }
    }
}
