package jarvis.ui.studio;

import jarvis.audio.compose.Part;
import jarvis.audio.compose.PartException;
import jarvis.audio.mix.Mixer;
import jarvis.audio.mix.Playback;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Peaks;
import jarvis.audio.store.ProjectBook;
import jarvis.audio.store.Source;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.History;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Studio area's state: the open project as edited (every change an undoable edit), the clip selected, the sounds
 * and waveforms its clips use (loaded off the UI thread), playback and the playhead, imports under way, and what a
 * person should be told. The view only binds to this and calls its commands; the project is saved after each change.
 */
public final class StudioViewModel {

    /** The sounds and waveforms of the studio's sources, and a way to import more. */
    public interface Library {
        /** Imports a file as a job; completes with the stored source, or fails with what was wrong. */
        CompletableFuture<Source> importFile(Path file, DoubleConsumer progress);

        Audio audio(String sourceId) throws AudioFileException;

        Peaks peaks(String sourceId) throws AudioFileException;

        /** Mixes a project (as saved) down into the artifact store as a job; completes with where it was stored. */
        CompletableFuture<String> mixdown(String project, DoubleConsumer progress);

        /**
         * Writes a part from words as a job; it lands on a new track of the open project through its history. Completes
         * with what was added, or fails with why nothing was.
         */
        CompletableFuture<String> compose(String request, DoubleConsumer progress);

        /** The part a source plays, when it is one written here; empty for recorded audio. */
        Optional<Part> part(String sourceId) throws PartException;

        /** The part {@code sourceId} plays, played by another instrument and stored as a new source. */
        Source replay(String sourceId, String instrument) throws PartException, AudioFileException;

        /** Writes the MIDI of the part {@code sourceId} plays to a file. */
        void exportMidi(String sourceId, Path file) throws PartException, IOException;
    }

    /** What the area shows: nothing yet (drop audio here), or the timeline. */
    public enum State { EMPTY, READY }

    private final Library library;
    private final ProjectBook projects;
    private final Playback playback;
    private final Executor background;
    private final Executor ui;
    private History history;
    /** The project on screen, for other threads (a part composed in conversation asks which it is). */
    private volatile Project showing;
    private final javafx.collections.ObservableList<String> projectNames = javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Project> project;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper importing = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper();
    /** Bumped when a sound or waveform arrives, so the timeline draws again. */
    private final ReadOnlyIntegerWrapper loaded = new ReadOnlyIntegerWrapper();
    private final Map<String, Audio> sounds = new ConcurrentHashMap<>();
    private final Map<String, Peaks> waveforms = new ConcurrentHashMap<>();
    private final Map<String, Part> parts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asked = new ConcurrentHashMap<>();
    private final ReadOnlyIntegerWrapper composing = new ReadOnlyIntegerWrapper();
    private final ProjectSaver saver;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StudioViewModel.class);
    private long playhead;

    public StudioViewModel(Library library, ProjectBook projects, Playback playback, Project opened, Executor background, Executor ui) {
        this.library = library;
        this.projects = projects;
        this.playback = playback;
        this.background = background;
        this.ui = ui;
        this.project = new ReadOnlyObjectWrapper<>(opened);
        this.history = new History(opened, this::changed);
        this.saver = new ProjectSaver(projects, opened, background, said -> ui.execute(() -> message.set(said)));
        this.showing = opened;
        refreshState(opened);
        loadSounds(opened);
        refreshProjectNames();
    }

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public Project project() {
        return project.get();
    }

    /** The project on screen; safe to read from any thread. */
    public Project showing() {
        return showing;
    }

    /** The names of the projects there are, the one saved last first; refreshed as projects open. */
    public javafx.collections.ObservableList<String> projectNames() {
        return javafx.collections.FXCollections.unmodifiableObservableList(projectNames);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The selected clip's id; empty when none is. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** How many files are being imported now. */
    public ReadOnlyIntegerProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress.getReadOnlyProperty();
    }

    /** How many parts are being written now. */
    public ReadOnlyIntegerProperty composingProperty() {
        return composing.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public History history() {
        return history;
    }

    /** A source's waveform, once loaded (empty until then: the clip is drawn plain). */
    public Optional<Peaks> waveform(String sourceId) {
        return Optional.ofNullable(waveforms.get(sourceId));
    }

    /** The part a clip plays, when it is one written here (known once its sound is loaded); empty for recorded audio. */
    public Optional<Part> partOf(String clipId) {
        return project().clip(clipId).map(c -> parts.get(c.sourceId()));
    }

    /** How many frames a source holds, once loaded; a clip's right edge is trimmed no further. */
    public long sourceFrames(String sourceId) {
        Audio audio = sounds.get(sourceId);
        return audio == null ? Long.MAX_VALUE / 4 : audio.frames();
    }

    // Editing.

    /** Applies an edit as one undoable step; one that cannot apply is said and changes nothing. */
    public void perform(Edit edit) {
        try {
            history.perform(edit);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
        }
    }

    public void select(String clipId) {
        selected.set(clipId == null ? "" : clipId);
    }

    /** Cuts the selected clip (or every clip under the playhead, when none is selected) at the playhead. */
    public void splitAtPlayhead() {
        long at = playhead();
        List<Clip> cut = project().tracks().stream().flatMap(t -> t.clips().stream())
                .filter(c -> (selected.get().isEmpty() || c.id().equals(selected.get())) && at > c.start() && at < c.end()).toList();
        if (cut.isEmpty()) {
            message.set("The playhead is not inside " + (selected.get().isEmpty() ? "a clip" : "the selected clip") + ": move it there to split.");
            return;
        }
        for (Clip clip : cut) {
            perform(new Edit.SplitClip(clip.id(), at, UUID.randomUUID().toString()));
        }
    }

    /** A copy of the selected clip right after it. */
    public void duplicateSelected() {
        project().clip(selected.get()).ifPresent(clip -> {
            String copy = UUID.randomUUID().toString();
            perform(new Edit.DuplicateClip(clip.id(), copy, clip.end()));
            selected.set(copy);
        });
    }

    public void deleteSelected() {
        project().clip(selected.get()).ifPresent(clip -> {
            perform(new Edit.DeleteClip(clip.id()));
            selected.set("");
        });
    }

    public void undo() {
        history.undo();
    }

    public void redo() {
        history.redo();
    }

    // Projects.

    /**
     * Opens another project, made empty when no project has that name (ignoring case): playback stops and the one on
     * screen is saved first. Its undo history stays behind with it.
     */
    public void openProject(String name) {
        String clean = name.strip();
        if (clean.isEmpty()) {
            message.set("A project needs a name.");
            return;
        }
        if (playing.get()) {
            stop();
        }
        Project leaving = project();
        CompletableFuture.supplyAsync(() -> {
            String unsaved = "";
            try {
                saver.now(leaving);
            } catch (RuntimeException e) {
                unsaved = " The last change to " + leaving.name() + " was not saved: " + e.getMessage();
            }
            return java.util.Map.entry(projects.open(clean), unsaved);
        }, background).whenCompleteAsync((opened, failure) -> {
            if (failure != null) {
                message.set(clean + " could not be opened: " + cause(failure).getMessage());
                return;
            }
            Project next = opened.getKey();
            saver.opened(next);
            history = new History(next, this::changed);
            showing = next;
            selected.set("");
            playhead = 0;
            // The last project's sounds are let go (the library keeps the recent ones for a quick way back).
            sounds.clear();
            waveforms.clear();
            parts.clear();
            asked.clear();
            project.set(next);
            refreshState(next);
            loadSounds(next);
            refreshProjectNames();
            message.set(next.name() + (next.tracks().isEmpty() ? " is new: drop audio here, or describe a part below." : " is open.")
                    + opened.getValue());
        }, ui);
    }

    private void refreshProjectNames() {
        background.execute(() -> {
            try {
                List<String> names = projects.list().stream().map(ProjectBook.Summary::name).toList();
                ui.execute(() -> projectNames.setAll(names));
            } catch (RuntimeException e) {
                LOG.warn("The studio's projects could not be listed: {}", e.getMessage());
            }
        });
    }

    // Importing.

    /** Imports audio files, each onto a new track at the bottom once it is ready; several at once are each their own job. */
    public void importFiles(List<Path> files) {
        for (Path file : files) {
            importing.set(importing.get() + 1);
            library.importFile(file, fraction -> ui.execute(() -> importProgress.set(fraction))).whenCompleteAsync((source, failure) -> {
                importing.set(importing.get() - 1);
                if (failure != null) {
                    message.set(cause(failure).getMessage());
                    return;
                }
                perform(new Edit.AddTrack(project().tracks().size(), source.newTrack()));
                message.set(source.name() + ": " + source.format() + ", " + String.format(java.util.Locale.ROOT, "%.1f s", source.seconds()));
            }, ui);
        }
    }

    /** Mixes the project down, as a job, into the artifact store (Activity shows it); the message says where it went. */
    public void mixdown() {
        Project now = project();
        if (now.end() == 0) {
            message.set("There is nothing to mix down yet: drop an audio file here.");
            return;
        }
        message.set("Mixing " + now.name() + " down…");
        background.execute(() -> {
            try {
                // Saved first, so that the job mixes what is on screen.
                saver.now(now);
            } catch (RuntimeException e) {
                ui.execute(() -> message.set("The project could not be saved, so it was not mixed down: " + e.getMessage()));
                return;
            }
            library.mixdown(now.name(), fraction -> { }).whenCompleteAsync((stored, failure) -> {
                message.set(failure == null ? now.name() + " is mixed down: " + stored + "." : cause(failure).getMessage());
            }, ui);
        });
    }

    // Parts.

    /** Writes a part from words, as a job; it lands on a new track, one step to undo. */
    public void compose(String request) {
        if (request.isBlank()) {
            message.set("Say what to write first: a four-bar lo-fi drum loop at 85 bpm, a bass line in A minor.");
            return;
        }
        composing.set(composing.get() + 1);
        message.set("Writing " + request.strip() + "…");
        library.compose(request.strip(), fraction -> { }).whenCompleteAsync((said, failure) -> {
            composing.set(composing.get() - 1);
            message.set(failure == null ? said : cause(failure).getMessage());
        }, ui);
    }

    /** Plays the part a clip plays with another General MIDI instrument: every clip of it on that track changes, as one step. */
    public void changeInstrument(String clipId, String instrument) {
        Optional<Clip> clip = project().clip(clipId);
        if (clip.isEmpty() || partOf(clipId).isEmpty()) {
            message.set("Only a part written here can be played by another instrument; that clip is recorded audio.");
            return;
        }
        String from = clip.get().sourceId();
        String track = project().trackOf(clipId).orElseThrow().id();
        message.set("Playing the part with " + instrument.replace('_', ' ') + "…");
        CompletableFuture.supplyAsync(() -> {
            try {
                return library.replay(from, instrument);
            } catch (PartException | AudioFileException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenCompleteAsync((source, failure) -> {
            if (failure != null) {
                message.set(cause(failure).getMessage());
                return;
            }
            String name = source.name().replaceFirst("\\.wav$", "");
            perform(new Edit.ReplaceSource(track, from, source.id(), source.frames(), name));
            message.set("The part is played by " + name + " now; Undo brings the last instrument back.");
        }, ui);
    }

    /** Writes the MIDI of the part a clip plays to a file. */
    public void exportMidi(String clipId, Path file) {
        Optional<Clip> clip = project().clip(clipId);
        if (clip.isEmpty() || partOf(clipId).isEmpty()) {
            message.set("Only a part written here has MIDI to export; that clip is recorded audio.");
            return;
        }
        background.execute(() -> {
            String said;
            try {
                library.exportMidi(clip.get().sourceId(), file);
                said = "The part's MIDI is in " + file + ".";
            } catch (PartException | IOException e) {
                said = "The MIDI could not be written to " + file + ": " + e.getMessage();
            }
            String told = said;
            ui.execute(() -> message.set(told));
        });
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    // Playback.

    /** Space: plays from the playhead, or stops. */
    public void playOrStop() {
        if (playing.get()) {
            stop();
        } else {
            play();
        }
    }

    public void play() {
        Project now = project();
        if (now.end() == 0) {
            message.set("There is nothing to play yet: drop an audio file here.");
            return;
        }
        long from = playhead >= now.end() ? now.activeLoop().map(Project.Loop::start).orElse(0L) : playhead;
        try {
            playback.play(new Mixer(now, sounds::get), from);
            playing.set(true);
        } catch (Playback.PlaybackException e) {
            message.set(e.getMessage());
        }
    }

    public void stop() {
        playback.stop();
        playhead = playback.position();
        playing.set(false);
    }

    /**
     * Where the playhead is now, from the audio line while playing; read once a frame by the view, which is also when a
     * playback that reached the end is noticed.
     */
    public long playhead() {
        if (playing.get()) {
            playhead = playback.position();
            if (!playback.playing()) {
                playing.set(false);
                if (!playback.failure().isEmpty()) {
                    message.set(playback.failure());
                }
            }
        }
        return playhead;
    }

    /** Moves the playhead (a click on the ruler); playing goes on from there. */
    public void seek(long frame) {
        playhead = Math.max(0, frame);
        if (playing.get()) {
            playback.seek(playhead);
        }
    }

    public float[] meters() {
        return playback.meters();
    }

    public long underruns() {
        return playback.underruns();
    }

    /**
     * Stops playback and saves the project as it is now, on this thread: called as the window closes, before the
     * database does.
     */
    public void close() {
        playback.stop();
        try {
            saver.now(project());
        } catch (RuntimeException e) {
            LOG.warn("The studio's project was not saved as the window closed: {}", e.getMessage());
        }
    }

    // Inner workings.

    private void changed(Project next) {
        showing = next;
        project.set(next);
        refreshState(next);
        loadSounds(next);
        if (playing.get()) {
            playback.update(new Mixer(next, sounds::get));
        }
        saver.later(next);
    }

    private void refreshState(Project now) {
        state.set(now.tracks().isEmpty() ? State.EMPTY : State.READY);
    }

    /** Loads the sounds and waveforms of clips not loaded yet, off the UI thread. */
    private void loadSounds(Project now) {
        for (Track track : now.tracks()) {
            for (Clip clip : track.clips()) {
                String id = clip.sourceId();
                if (asked.putIfAbsent(id, true) != null) {
                    continue;
                }
                background.execute(() -> {
                    try {
                        Audio audio = library.audio(id);
                        Peaks peaks = library.peaks(id);
                        library.part(id).ifPresent(part -> parts.put(id, part));
                        sounds.put(id, audio);
                        waveforms.put(id, peaks);
                        ui.execute(() -> loaded.set(loaded.get() + 1));
                    } catch (AudioFileException | PartException e) {
                        asked.remove(id);
                        ui.execute(() -> message.set(e.getMessage()));
                    }
                });
            }
        }
    }
}
