package jarvis.ui.cameras;

import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.CameraWatch;
import jarvis.devices.cameras.Frame;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.artifacts.ArtifactStoreException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * The Cameras area's state: each camera's latest picture, decoded off the UI thread at tile size (and at full size for
 * the one opened large) and taken in at the next frame, however many arrive between two frames; the cameras are read
 * only while the area is shown; a snapshot stored as an artifact.
 */
public final class CamerasViewModel {

    /** A camera as shown: its entry, its latest picture, why the last read failed, and when a picture last came. */
    public record Shown(CameraBook.Entry camera, Optional<Image> picture, Optional<String> problem, Optional<Instant> lastSeen) {}

    /** How wide a tile's picture is decoded: a 1280×720 frame drawn 320 wide needs no more. */
    static final double TILE_WIDTH = 320;
    private static final int TILES_PER_FRAME = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final CameraWatch watch;
    private final CameraBook book;
    private final ArtifactStore artifacts;
    private final Executor background;
    private final Executor ui;
    private final Executor frame;
    private final ObservableList<Shown> cameras = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Image> large = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper opened = new ReadOnlyStringWrapper("");
    private final Map<String, Shown> pending = new ConcurrentHashMap<>();
    /** The cameras with a picture waiting, oldest first: each gets its turn, none is starved by quicker ones. */
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final Consumer<CameraWatch.Shot> watcher = this::arrived;
    private volatile boolean shown;

    /**
     * @param ui the UI thread, for a snapshot's outcome
     * @param frame the UI thread at its next frame, where pictures are taken in
     */
    public CamerasViewModel(CameraWatch watch, CameraBook book, ArtifactStore artifacts, Executor background, Executor ui, Executor frame) {
        this.watch = watch;
        this.book = book;
        this.artifacts = artifacts;
        this.background = background;
        this.ui = ui;
        this.frame = frame;
    }

    /**
     * The area is shown: the cameras are read, each at its rate. Off the UI thread, as is hiding: the watcher is
     * handed the latest shots at once and decodes each; whichever came last of showing and hiding holds.
     */
    public void showing() {
        shown = true;
        background.execute(this::follow);
    }

    /** The area is hidden: no camera is read. */
    public void hidden() {
        shown = false;
        background.execute(this::follow);
    }

    private synchronized void follow() {
        if (shown) {
            watch.watch(watcher);
            watch.start();
        } else {
            watch.unwatch(watcher);
            watch.stop();
        }
    }

    /** On the camera's thread: the picture decoded there, then taken in at the next frame. */
    private void arrived(CameraWatch.Shot shot) {
        String name = shot.camera().name();
        Optional<Image> picture = shot.frame().map(Frame::image).map(bytes -> new Image(new ByteArrayInputStream(bytes), TILE_WIDTH, 0, true, true))
                .filter(image -> !image.isError());
        if (name.equals(opened.get())) {
            shot.frame().map(Frame::image).map(bytes -> new Image(new ByteArrayInputStream(bytes))).filter(image -> !image.isError())
                    .ifPresent(full -> frame.execute(() -> {
                        if (name.equals(opened.get())) {
                            large.set(full);
                        }
                    }));
        }
        if (pending.put(name, new Shown(shot.camera(), picture, shot.problem(), shot.lastSeen())) == null) {
            waiting.add(name);
            frame.execute(this::apply);
        }
    }

    /**
     * On the UI thread: each camera's newest picture replaces its tile's; a camera gone is removed. A few tiles a frame:
     * the renderer draws each new picture with its tile, and ten at once make one long frame the UI thread waits for.
     */
    private void apply() {
        Map<String, CameraWatch.Shot> known = watch.latest();
        for (int drawn = 0; drawn < TILES_PER_FRAME; drawn++) {
            String name = waiting.poll();
            if (name == null) {
                return;
            }
            Shown shown = pending.remove(name);
            int at = indexOf(name);
            if (!known.containsKey(name)) {
                if (at >= 0) {
                    cameras.remove(at);
                }
            } else if (at >= 0) {
                cameras.set(at, shown);
            } else {
                cameras.add(shown);
                FXCollections.sort(cameras, Comparator.comparing(one -> one.camera().name().toLowerCase(Locale.ROOT)));
            }
        }
        if (!waiting.isEmpty()) {
            frame.execute(this::apply);
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < cameras.size(); i++) {
            if (cameras.get(i).camera().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Opens a camera large (its next picture at full size); an empty name goes back to the grid. */
    public void open(String name) {
        opened.set(name);
        large.set(null);
    }

    public ReadOnlyStringProperty opened() {
        return opened.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> large() {
        return large.getReadOnlyProperty();
    }

    /** Takes a picture now, off the UI thread, and stores it as an artifact ({@code cameras/<name>/<time>.jpg}). */
    public CompletableFuture<Artifact> snapshot(String name) {
        status.set("Taking a snapshot of " + name + "…");
        CompletableFuture<Artifact> outcome = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            CameraBook.Entry entry = book.entry(name).orElseThrow(() -> new IllegalStateException("There is no camera " + name + " any more."));
            try {
                Frame picture = book.camera(entry).snapshot();
                boolean png = picture.image().length > 1 && (picture.image()[0] & 0xff) == 0x89;
                return artifacts.put("cameras/" + entry.name() + "/" + STAMP.format(picture.at()) + (png ? ".png" : ".jpg"),
                        png ? "image/png" : "image/jpeg", new ByteArrayInputStream(picture.image()), Map.of("camera", entry.name()));
            } catch (CameraException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, background).whenComplete((artifact, failure) -> ui.execute(() -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                status.set("No snapshot: " + (cause instanceof ArtifactStoreException ? "it could not be stored: " : "") + cause.getMessage());
                outcome.completeExceptionally(cause);
                return;
            }
            status.set("Saved " + name + "'s snapshot as " + artifact.name() + " (" + artifact.size() / 1024 + " KB).");
            outcome.complete(artifact);
        }));
        return outcome;
    }

    public ObservableList<Shown> cameras() {
        return cameras;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
