package jarvis.app.desktop;

import jarvis.app.Core;
import jarvis.app.Studio;
import jarvis.audio.compose.Part;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Peaks;
import jarvis.audio.store.Source;
import jarvis.ui.studio.StudioViewModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;

/** What the Studio area asks of the app: imports, mixdowns and parts as jobs, and sounds from the studio's library. */
final class StudioLibrary implements StudioViewModel.Library {

    private final Core core;
    private final Studio studio;

    StudioLibrary(Core core) {
        this.core = core;
        this.studio = core.studio();
    }

    @Override
    public CompletableFuture<Source> importFile(Path file, DoubleConsumer progress) {
        return core.importAudio(file, progress);
    }

    @Override
    public Audio audio(String sourceId) throws AudioFileException {
        return studio.sources().audio(sourceId);
    }

    @Override
    public Peaks peaks(String sourceId) throws AudioFileException {
        return studio.sources().peaks(sourceId);
    }

    @Override
    public CompletableFuture<String> mixdown(String project, DoubleConsumer progress) {
        return core.mixdownToStore(project, 24, progress).thenApply(wav -> wav.name() + ", version " + wav.version()
                + " (./jarvis artifacts get " + wav.name() + ")");
    }

    @Override
    public CompletableFuture<String> compose(String request, DoubleConsumer progress) {
        return core.composeInStudio(request, progress);
    }

    @Override
    public Optional<Part> part(String sourceId) throws PartException {
        return studio.partOf(sourceId);
    }

    @Override
    public CompletableFuture<Source> replay(String sourceId, String instrument, DoubleConsumer progress) {
        return core.replayInStudio(sourceId, instrument, progress);
    }

    @Override
    public void exportMidi(String sourceId, Path file) throws PartException, IOException {
        // Written beside the file and moved into place whole, so a failure leaves no half a file.
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            studio.exportMidi(sourceId, out);
        } catch (IOException | PartException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
