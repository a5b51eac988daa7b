package jarvis.ui.printers;

import jarvis.devices.watch.VerdictBook;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.artifacts.ArtifactStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * The failure watch's verdicts for a person to review: the latest ones with the frame each judged (decoded off the UI
 * thread as a thumbnail), marked right or wrong with a click, and the precision the marks give.
 */
public final class WatchReviewViewModel {

    /** A verdict as reviewed: the verdict kept, and its frame when it was kept. */
    public record Item(VerdictBook.Stored verdict, Optional<Image> frame) {}

    static final double THUMBNAIL_WIDTH = 192;
    private static final int SHOWN = 40;

    private final VerdictBook verdicts;
    private final ArtifactStore artifacts;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper precision = new ReadOnlyStringWrapper("");

    public WatchReviewViewModel(VerdictBook verdicts, ArtifactStore artifacts, Executor background, Executor ui) {
        this.verdicts = verdicts;
        this.artifacts = artifacts;
        this.background = background;
        this.ui = ui;
    }

    /** Reads the latest verdicts and the precision again. */
    public void refresh() {
        background.execute(() -> {
            List<Item> read = verdicts.recent(Optional.empty(), SHOWN).stream().map(stored -> new Item(stored, stored.frame().flatMap(this::thumbnail)))
                    .toList();
            String said = "The failure watch so far: " + verdicts.precision().sentence() + ".";
            ui.execute(() -> {
                items.setAll(read);
                precision.set(said);
            });
        });
    }

    private Optional<Image> thumbnail(String artifact) {
        try (InputStream bytes = artifacts.open(artifact)) {
            Image image = new Image(bytes, THUMBNAIL_WIDTH, 0, true, true);
            return image.isError() ? Optional.empty() : Optional.of(image);
        } catch (IOException | ArtifactStoreException e) {
            return Optional.empty();
        }
    }

    /** A person's mark on a verdict; the list and the precision follow. */
    public void mark(long id, boolean right) {
        background.execute(() -> {
            verdicts.mark(id, right);
            refresh();
        });
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ReadOnlyStringProperty precision() {
        return precision.getReadOnlyProperty();
    }
}
