package jarvis.ui.cad;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.PartReader;
import jarvis.cad.parts.Parts;
import jarvis.cad.parts.Scratch;
import jarvis.cad.parts.Thumbnail;
import jarvis.orchestrator.artifacts.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.image.Image;

/**
 * The parts list's pictures, one per part version, by its artifact id: read when one was kept, else drawn from the part
 * (one stored by a tool or an older Jarvis has none yet) and kept; each version done once, off the UI thread.
 */
final class PartPictures {

    private final CadViewModel.Reader reader;
    private final Parts stored;
    private final Executor background;
    private final Executor ui;
    private final ObservableMap<String, Image> thumbnails = FXCollections.observableHashMap();
    /** The versions whose picture is read, made or on its way. */
    private final Set<String> pictured = ConcurrentHashMap.newKeySet();

    PartPictures(CadViewModel.Reader reader, Parts stored, Executor background, Executor ui) {
        this.reader = reader;
        this.stored = stored;
        this.background = background;
        this.ui = ui;
    }

    /** Reads or makes each listed part's picture, one by one (called off the UI thread). */
    void picture(List<Artifact> listed) {
        for (Artifact part : listed) {
            if (!pictured.add(part.id())) {
                continue;
            }
            try {
                Optional<byte[]> kept = stored.thumbnail(part);
                if (kept.isPresent()) {
                    publish(part, kept.get());
                    continue;
                }
                try (Scratch scratch = Scratch.create("jarvis-thumbnail")) {
                    PartReader.Read read = reader.read(stored.copyOut(part, scratch.folder()));
                    if (read.mesh().isPresent()) {
                        keep(part, read.mesh().get());
                    }
                }
            } catch (IOException | MeshException | RuntimeException e) {
                // A part that cannot be read has no picture; opening it says why.
            }
        }
    }

    /** The picture of a version just read, drawn in the background: the person waits for the part, not its picture. */
    void picture(Artifact part, Mesh mesh) {
        if (pictured.add(part.id())) {
            CompletableFuture.runAsync(() -> keep(part, mesh), background);
        }
    }

    ObservableMap<String, Image> thumbnails() {
        return thumbnails;
    }

    private void keep(Artifact part, Mesh mesh) {
        byte[] png = Thumbnail.png(mesh, Thumbnail.SIZE);
        stored.keepThumbnail(part, png);
        publish(part, png);
    }

    private void publish(Artifact part, byte[] png) {
        Image image = new Image(new ByteArrayInputStream(png));
        ui.execute(() -> thumbnails.put(part.id(), image));
    }
}
