package jarvis.ui.cad;

import jarvis.cad.make.ScadProgram;
import jarvis.cad.mesh.Decimate;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.PartReader;
import jarvis.cad.parts.Parts;
import jarvis.cad.parts.Scratch;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.image.Image;

/**
 * The CAD area's state: the parts (every stored part's newest version, and those opened now), the one shown with its
 * preview mesh, its numbers and whether it fits each printer. A dropped file is read, analysed at full resolution,
 * stored as a new version, and previewed decimated when it is large, all off the UI thread.
 */
public final class CadViewModel {

    /** Parts over this many triangles are previewed decimated; the numbers always come from the full mesh. */
    public static final int PREVIEW_TRIANGLES = 400_000;

    /** Reads a part file (a STEP file's geometry through the converter). */
    @FunctionalInterface
    public interface Reader {
        PartReader.Read read(Path file) throws MeshException;
    }

    /**
     * What the bench does beyond showing parts: told which part is on it (the one "this part" means in conversation),
     * and printing and making parts through the conversation's own tools, so a click is asked about exactly as a
     * model's call is.
     */
    public interface Bench {
        void onBench(String part);

        /** Slices, sends and starts a stored part on a printer once a person confirms. */
        Outcome print(String part, String printer);

        /**
         * Makes a part from words into {@code file} and stores it; {@code stopped} says when a person stops it, and
         * {@code progress} hears its steps.
         */
        Outcome make(String words, String file, BooleanSupplier stopped, Consumer<String> progress);

        /** Where a part from words would be made now: on this machine only, or in the cloud when the local model cannot. */
        WhereMade whereMade();

        /** Makes a version (by its artifact id) of a part made from words again with some of its parameters changed, as a new version. */
        Outcome change(String part, String version, Map<String, Double> values, BooleanSupplier stopped);
    }

    /** Where a part from words would be made now: whether its description may go to the cloud, and that in words. */
    public record WhereMade(boolean cloud, String said) {}

    /** A change of a part's parameters: the part, the version (artifact id) whose sliders were moved, and every slider's value. */
    private record Change(String part, String version, Map<String, Double> values) {}

    /** How a print or a make ended: whether it was done, and what happened in words. */
    public record Outcome(boolean done, String said) {}

    /**
     * A part as shown: its title, its file name among the stored parts, the stored version's id, what is drawn (decimated when large), what it
     * is, whether it fits each printer, and the parameters a person can change when it was made from words.
     */
    public record Shown(String name, String part, String version, Optional<PartViewer.Preview> preview, boolean decimated, List<String> facts,
                        List<Fit> fits, Optional<String> note, List<ScadProgram.Parameter> parameters) {}

    private final Reader reader;
    private final BiFunction<MeshAnalysis, Mesh.Units, List<Fit>> fits;
    private final Parts stored;
    private final Executor background;
    private final Executor ui;
    private final Bench bench;
    private final ObservableList<Artifact> parts = FXCollections.observableArrayList();
    private final ObservableList<Artifact> versions = FXCollections.observableArrayList();
    private final PartPictures pictures;
    private final Making making = new Making();
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    /** Each open or show asked for counts up; only the newest one's part is shown when several are under way. */
    private final AtomicLong asked = new AtomicLong();
    /** Whether a change renders now (read and written on the UI thread), and the change asked for since, to render next. */
    private boolean changing;
    private Change waiting;
    private final ReadOnlyIntegerWrapper resets = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<WhereMade> whereMade = new ReadOnlyObjectWrapper<>(new WhereMade(false, ""));
    /** Each check of where parts are made counts up; only the newest one's answer is shown. */
    private final AtomicLong whereAsked = new AtomicLong();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Drop an STL, 3MF, OBJ or STEP file anywhere on the window.");

    public CadViewModel(Reader reader, BiFunction<MeshAnalysis, Mesh.Units, List<Fit>> fits, ArtifactStore artifacts, Bench bench,
                        Executor background, Executor ui) {
        this.bench = bench;
        this.reader = reader;
        this.fits = fits;
        this.stored = new Parts(artifacts);
        this.background = background;
        this.ui = ui;
        this.pictures = new PartPictures(reader, stored, background, ui);
    }

    /** Lists the stored parts, newest version of each; their pictures follow, read or made one by one. */
    public CompletableFuture<Void> refresh() {
        checkWhereMade();
        CompletableFuture<List<Artifact>> listed = CompletableFuture.supplyAsync(stored::all, background);
        listed.thenAcceptAsync(pictures::picture, background);
        return listed.thenAcceptAsync(parts::setAll, ui);
    }

    /** Opens dropped files: each read, stored and listed; the last one shown. */
    public CompletableFuture<Void> open(List<Path> files) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (Path file : files) {
            all = all.thenCompose(done -> open(file));
        }
        return all.thenCompose(done -> refresh());
    }

    private CompletableFuture<Void> open(Path file) {
        String name = file.getFileName().toString();
        status.set("Reading " + name + "…");
        long mine = asked.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                PartReader.Read read = reader.read(file);
                Artifact kept = store(file, read);
                Shown part = show(name, name, kept.id(), read, List.of());
                // The picture for the list after the part is ready to show: the person waits for the part, not its picture.
                read.mesh().ifPresent(mesh -> pictures.picture(kept, mesh));
                return part;
            } catch (MeshException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, background).handleAsync((part, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                status.set(cause.getMessage());
                return null;
            }
            if (mine == asked.get()) {
                shown.set(part);
                listVersions(part.part());
                bench.onBench(part.part());
                status.set(part.note().orElse(name + " is read and stored."));
            }
            return null;
        }, ui);
    }

    /** Shows a stored part again, read from the store. */
    public CompletableFuture<Void> show(Artifact part) {
        status.set("Opening " + Parts.fileName(part) + "…");
        long mine = asked.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try (Scratch scratch = Scratch.create("jarvis-part")) {
                Path file = stored.copyOut(part, scratch.folder());
                List<ScadProgram.Parameter> parameters = stored.program(part).map(ScadProgram::parameters).orElse(List.of());
                return show(Parts.fileName(part) + " (version " + part.version() + ")", Parts.fileName(part), part.id(), reader.read(file),
                        parameters);
            } catch (IOException | MeshException e) {
                throw new IllegalArgumentException("Could not open " + Parts.fileName(part) + ": " + e.getMessage(), e);
            }
        }, background).handleAsync((read, failure) -> {
            if (failure != null) {
                status.set((failure.getCause() != null ? failure.getCause() : failure).getMessage());
            } else if (mine == asked.get()) {
                shown.set(read);
                listVersions(read.part());
                bench.onBench(read.part());
                status.set("");
            }
            return null;
        }, ui);
    }

    private Shown show(String name, String part, String version, PartReader.Read read, List<ScadProgram.Parameter> parameters) {
        List<String> facts = new ArrayList<>();
        read.step().ifPresent(step -> {
            facts.add("STEP " + step.schema() + (step.originatingSystem().isBlank() ? "" : ", from " + step.originatingSystem()));
            facts.add("Units: " + step.units().map(unit -> unit.name().toLowerCase(Locale.ROOT)).orElse("not declared"));
            if (!step.products().isEmpty()) {
                facts.add("Products: " + String.join(", ", step.products()));
            }
        });
        if (read.mesh().isEmpty()) {
            return new Shown(name, part, version, Optional.empty(), false, facts, List.of(), read.note(), parameters);
        }
        Mesh mesh = read.mesh().get();
        MeshAnalysis analysis = read.analysis().orElseThrow();
        double mm = mesh.units().millimetres();
        facts.add(String.format(Locale.ROOT, "%.1f × %.1f × %.1f mm", analysis.sizeX() * mm, analysis.sizeY() * mm, analysis.sizeZ() * mm));
        facts.add(String.format(Locale.ROOT, "%,d triangles, %d %s", analysis.triangles(), analysis.parts(), analysis.parts() == 1 ? "part" : "parts"));
        facts.add(String.format(Locale.ROOT, "Area %.1f cm²", analysis.area() * mm * mm / 100));
        facts.add(analysis.closed() ? String.format(Locale.ROOT, "Volume %.2f cm³, a closed solid", analysis.volume() * mm * mm * mm / 1000)
                : String.format(Locale.ROOT, "Not a closed solid: %d open, %d non-manifold, %d flipped edges (volume not to be trusted)",
                analysis.openEdges(), analysis.nonManifoldEdges(), analysis.flippedEdges()));
        Mesh lighter = Decimate.toAtMost(mesh, PREVIEW_TRIANGLES);
        PartViewer.Preview preview = PartViewer.preview(lighter);
        if (preview.overhanging() > 0) {
            facts.add(String.format(Locale.ROOT, "%,d %s overhang more than %.0f° (Overhangs shows them)", preview.overhanging(),
                    preview.overhanging() == 1 ? "face" : "faces", PartViewer.OVERHANG_DEGREES));
        }
        return new Shown(name, part, version, Optional.of(preview), lighter != mesh, facts, fits.apply(analysis, mesh.units()), read.note(),
                parameters);
    }

    /** The dropped file kept as a new version of its part, with where it came from. */
    private Artifact store(Path file, PartReader.Read read) {
        try {
            return stored.keep(file, Map.of("triangles", read.analysis().map(part -> String.valueOf(part.triangles())).orElse("")));
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not keep " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Prints the part shown on a printer: sliced, sent and started once a person confirms (the runner asks). */
    public CompletableFuture<Void> print(String printer) {
        Shown part = shown.get();
        if (part == null) {
            status.set("Open a part first, then print it.");
            return CompletableFuture.completedFuture(null);
        }
        status.set("Slicing " + part.part() + " for " + printer + " (asking you first)…");
        return CompletableFuture.supplyAsync(() -> bench.print(part.part(), printer), background)
                .handleAsync((outcome, failure) -> {
                    status.set(failure == null ? outcome.said() : "Could not print " + part.part() + ": " + failure.getMessage());
                    return null;
                }, ui);
    }

    /** Makes a part from words with the local model and OpenSCAD; it is stored, listed and shown. */
    public CompletableFuture<Void> make(String words) {
        if (words.isBlank()) {
            status.set("Describe the part first, with its sizes: \"a 40 mm cable clip for a 6 mm cable\".");
            return CompletableFuture.completedFuture(null);
        }
        String file = fileFor(words, parts.stream().map(Parts::fileName).toList());
        status.set("Making " + file + " with the local model and OpenSCAD…");
        making.begin();
        return CompletableFuture.supplyAsync(() -> bench.make(words, file, making::isStopped, step -> ui.execute(() -> {
            if (making.busy().get()) {
                status.set(file + ": " + step);
            }
        })), background)
                .handleAsync((outcome, failure) -> {
                    making.end();
                    return settled(file, "Could not make the part: ", outcome, failure, () -> { });
                }, ui)
                .thenCompose(settled -> settled);
    }

    /**
     * Makes the part shown again with some parameters changed (OpenSCAD alone, no model), from the version shown, stored
     * as a new version and shown. One change renders at a time: values set while it renders wait, and only the last of
     * them is rendered next, from the version whose sliders were moved (each change carries every slider's value). A
     * change that fails puts the sliders back (see {@link #resets()}); what waited is dropped, as it carries the values
     * that failed too, and the status says so.
     */
    public CompletableFuture<Void> change(Map<String, Double> values) {
        Shown part = shown.get();
        if (part == null || part.parameters().isEmpty()) {
            status.set("Only a part made from words has parameters to change.");
            return CompletableFuture.completedFuture(null);
        }
        return change(new Change(part.part(), part.version(), values));
    }

    private CompletableFuture<Void> change(Change wanted) {
        String values = wanted.values().entrySet().stream().map(value -> value.getKey() + " = " + ScadProgram.number(value.getValue()))
                .collect(Collectors.joining(", "));
        if (changing) {
            waiting = wanted;
            status.set("Making " + wanted.part() + " again; " + values + " comes next.");
            return CompletableFuture.completedFuture(null);
        }
        changing = true;
        making.begin();
        status.set("Making " + wanted.part() + " again with " + values + "…");
        return CompletableFuture.supplyAsync(() -> bench.change(wanted.part(), wanted.version(), wanted.values(), making::isStopped),
                background)
                .handleAsync((outcome, failure) -> {
                    changing = false;
                    making.end();
                    Change next = waiting;
                    waiting = null;
                    boolean failed = failure != null || !outcome.done();
                    if (next != null && !failed) {
                        // Not shown: the next change replaces it at once, started in this same turn of the UI thread so
                        // that no other can start first; the list is brought up to date when the last one ends.
                        status.set(outcome.said());
                        return change(next);
                    }
                    return settled(wanted.part(), "Could not change " + wanted.part() + ": ", outcome, failure,
                            () -> resets.set(resets.get() + 1)).thenRun(() -> {
                                if (next != null) {
                                    status.set(status.get() + " The values set since were not made: set them again.");
                                }
                            });
                }, ui).thenCompose(settled -> settled);
    }

    /** Whether a make or a change is under way: the Stop button shows while one is. */
    public ReadOnlyBooleanProperty busy() {
        return making.busy();
    }

    /** Stops the makes and changes under way: the model's answer, OpenSCAD and Zoo's job are let go. */
    public void stop() {
        making.stop();
        status.set("Stopping…");
    }

    /** Counts the changes that failed: the sliders go back to the values of the part shown at each. */
    public ReadOnlyIntegerProperty resets() {
        return resets.getReadOnlyProperty();
    }

    /** On the UI thread, once a make or change is over: its words in the status, and the part it stored listed and shown. */
    private CompletableFuture<Void> settled(String file, String failed, Outcome outcome, Throwable failure, Runnable onFailure) {
        if (failure != null || !outcome.done()) {
            onFailure.run();
            status.set(failure == null ? outcome.said() : failed + (failure.getCause() != null ? failure.getCause() : failure).getMessage());
            return CompletableFuture.completedFuture(null);
        }
        status.set(outcome.said());
        return refresh().thenCompose(listed -> parts.stream().filter(part -> Parts.fileName(part).equals(file)).findFirst()
                .map(made -> show(made).thenRun(() -> status.set(outcome.said()))).orElse(CompletableFuture.completedFuture(null)));
    }

    /**
     * A file name from the first words of a description, not one of {@code taken}: "a 40 mm cable clip…" is
     * a-40-mm-cable-clip.stl, or a-40-mm-cable-clip-2.stl when that is a part already.
     */
    static String fileFor(String words, List<String> taken) {
        String slug = words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String[] first = slug.split("-");
        String name = String.join("-", Arrays.copyOf(first, Math.min(first.length, 5)));
        String base = name.isEmpty() ? "part" : name;
        String file = base + ".stl";
        for (int n = 2; taken.contains(file); n++) {
            file = base + "-" + n + ".stl";
        }
        return file;
    }

    private void listVersions(String part) {
        CompletableFuture.supplyAsync(() -> stored.versions(part), background).thenAcceptAsync(versions::setAll, ui);
    }

    public ObservableList<Artifact> parts() {
        return parts;
    }

    /** Every version of the part shown, newest first. */
    public ObservableList<Artifact> versions() {
        return versions;
    }

    /** The parts' pictures by artifact id; a picture is added when it is read or made. */
    public ObservableMap<String, Image> thumbnails() {
        return pictures.thumbnails();
    }

    public ReadOnlyObjectProperty<Shown> shown() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** Asks again where a part from words would be made (the settings, the token or the budget may have changed). */
    public void checkWhereMade() {
        long mine = whereAsked.incrementAndGet();
        CompletableFuture.supplyAsync(bench::whereMade, background).thenAcceptAsync(where -> {
            if (mine == whereAsked.get()) {
                whereMade.set(where);
            }
        }, ui);
    }

    /** Where a part from words would be made now, said before a make: on this machine only, or in the cloud when the local model cannot. */
    public ReadOnlyObjectProperty<WhereMade> whereMade() {
        return whereMade.getReadOnlyProperty();
    }
}
