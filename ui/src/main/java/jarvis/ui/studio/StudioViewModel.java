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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

        /**
         * The part {@code sourceId} plays, played by another instrument and stored as a new source, as a job; fails
         * with why it could not be.
         */
        CompletableFuture<Source> replay(String sourceId, String instrument, DoubleConsumer progress);

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
    private final ObservableList<String> projectNames = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Project> project;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper importing = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper();
    /** Bumped when a sound or waveform arrives, so the timeline draws again. */
    private final ReadOnlyIntegerWrapper loaded = new ReadOnlyIntegerWrapper();
    private final SoundShelf shelf;
    private final ReadOnlyIntegerWrapper composing = new ReadOnlyIntegerWrapper();
    private final ProjectSaver saver;
    private static final Logger LOG = LoggerFactory.getLogger(StudioViewModel.class);
    private long playhead;

    public StudioViewModel(Library library, ProjectBook projects, Playback playback, Project opened, Executor background, Executor ui) {
        this.library = library;
        this.projects = projects;
        this.playback = playback;
        this.background = background;
        this.ui = ui;
        this.project = new ReadOnlyObjectWrapper<>(opened);
        this.shelf = new SoundShelf(library, background, ui, () -> loaded.set(loaded.get() + 1), message::set);
        this.history = historyOf(opened);
        this.saver = new ProjectSaver(projects, opened, background, said -> ui.execute(() -> message.set(said)));
        this.showing = opened;
        refreshState(opened);
        shelf.load(opened);
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
    public ObservableList<String> projectNames() {
        return FXCollections.unmodifiableObservableList(projectNames);
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
        return shelf.waveform(sourceId);
    }

    /** The part a clip plays, when it is one written here (known once its sound is loaded); empty for recorded audio. */
    public Optional<Part> partOfClip(String clipId) {
        return project().clip(clipId).flatMap(c -> shelf.part(c.sourceId()));
    }

    /** How many frames a source holds, once loaded; a clip's right edge is trimmed no further. */
    public long sourceFrames(String sourceId) {
        Audio audio = shelf.sound(sourceId);
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
     * screen is saved first. Its undo history stays behind with it. Done at once, on this thread (two quick reads and
     * writes of the database), so no edit can land between the two projects.
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
        String unsaved = "";
        try {
            saver.flush();
        } catch (RuntimeException e) {
            unsaved = " The last change to " + project().name() + " was not saved: " + e.getMessage();
        }
        Project next;
        try {
            next = projects.open(clean);
        } catch (RuntimeException e) {
            message.set(clean + " could not be opened: " + e.getMessage() + unsaved);
            return;
        }
        saver.opened(next);
        history = historyOf(next);
        showing = next;
        selected.set("");
        playhead = 0;
        // The last project's sounds are let go (the library keeps the recent ones for a quick way back).
        shelf.clear();
        project.set(next);
        refreshState(next);
        shelf.load(next);
        refreshProjectNames();
        message.set(next.name() + (next.tracks().isEmpty() ? " is new: drop audio here, or describe a part below." : " is open.") + unsaved);
    }

    /**
     * An edit meant for project {@code projectId} (a part composed in conversation), applied as one step to undo when
     * that project is the one on screen; false when it is not, and nothing is done.
     */
    public boolean performIn(String projectId, Edit edit) {
        if (!project().id().equals(projectId)) {
            return false;
        }
        history.perform(edit);
        return true;
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

    /**
     * Imports audio files, each onto a new track at the bottom once it is ready; several at once are each their own job.
     * A file lands in the project it was dropped on, even when another is open by the time it is ready.
     */
    public void importFiles(List<Path> files) {
        Project droppedOn = project();
        for (Path file : files) {
            importing.set(importing.get() + 1);
            library.importFile(file, fraction -> ui.execute(() -> importProgress.set(fraction))).whenCompleteAsync((source, failure) -> {
                importing.set(importing.get() - 1);
                if (failure != null) {
                    message.set(cause(failure).getMessage());
                    return;
                }
                String said = source.name() + ": " + source.format() + ", " + String.format(Locale.ROOT, "%.1f s", source.seconds());
                if (performIn(droppedOn.id(), new Edit.AddTrack(Integer.MAX_VALUE, source.newTrack()))) {
                    message.set(said);
                } else {
                    addElsewhere(droppedOn, new Edit.AddTrack(Integer.MAX_VALUE, source.newTrack()), said);
                }
            }, ui);
        }
    }

    /** An edit to a project not on screen, saved straight to the database off this thread. */
    private void addElsewhere(Project target, Edit edit, String said) {
        background.execute(() -> {
            String told;
            try {
                Project there = projects.find(target.name()).orElseThrow(() -> new IllegalStateException(target.name() + " is gone"));
                projects.save(edit.apply(there));
                told = said + "; it is on a new track of " + target.name() + ".";
            } catch (RuntimeException e) {
                told = said + ", but it could not be added to " + target.name() + ": " + e.getMessage();
            }
            String message = told;
            ui.execute(() -> this.message.set(message));
        });
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
                saver.flush();
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

    /**
     * Plays the part a clip plays with another General MIDI instrument, as a job: every clip of it on that track changes,
     * as one step to undo.
     */
    public void changeInstrument(String clipId, String instrument) {
        Optional<Clip> clip = partClip(clipId, "can be played by another instrument");
        if (clip.isEmpty()) {
            return;
        }
        String from = clip.get().sourceId();
        Project asked = project();
        String track = asked.trackOf(clipId).orElseThrow().id();
        Part before = shelf.part(from).orElseThrow();
        message.set("Playing the part with " + instrument.replace('_', ' ') + "…");
        library.replay(from, instrument, fraction -> { }).whenCompleteAsync((source, failure) -> {
            if (failure != null) {
                message.set(cause(failure).getMessage());
                return;
            }
            String name = source.name().replaceFirst("\\.wav$", "");
            Edit change = new Edit.ReplaceSource(track, from, source.id(), source.frames(), before.label(), name);
            if (!performIn(asked.id(), change)) {
                addElsewhere(asked, change, "The part is played by " + name);
                return;
            }
            message.set("The part is played by " + name + " now; Undo brings the last instrument back.");
        }, ui);
    }

    /** Writes the MIDI of the part a clip plays to a file. */
    public void exportMidi(String clipId, Path file) {
        Optional<Clip> clip = partClip(clipId, "has MIDI to export");
        if (clip.isEmpty()) {
            return;
        }
        background.execute(() -> {
            String said;
            try {
                library.exportMidi(clip.get().sourceId(), file);
                said = "The part's MIDI is in " + file + ".";
            } catch (PartException | IOException | RuntimeException e) {
                said = "The MIDI could not be written to " + file + ": " + e.getMessage();
            }
            String told = said;
            ui.execute(() -> message.set(told));
        });
    }

    /** The clip, when it plays a part written here; else empty, and the message says only a part {@code can}. */
    private Optional<Clip> partClip(String clipId, String can) {
        Optional<Clip> clip = project().clip(clipId).filter(c -> shelf.part(c.sourceId()).isPresent());
        if (clip.isEmpty()) {
            message.set("Only a part written here " + can + "; that clip is recorded audio.");
        }
        return clip;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
            playback.play(new Mixer(now, shelf::sound), from);
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
            saver.flush();
        } catch (RuntimeException e) {
            LOG.warn("The studio's project was not saved as the window closed: {}", e.getMessage());
        }
    }

    // Inner workings.

    private void changed(Project next) {
        showing = next;
        project.set(next);
        refreshState(next);
        shelf.load(next);
        if (playing.get()) {
            playback.update(new Mixer(next, shelf::sound));
        }
        saver.later(next);
    }

    private void refreshState(Project now) {
        state.set(now.tracks().isEmpty() ? State.EMPTY : State.READY);
    }

    /** A history whose changes reach the screen only while it is the open project's. */
    private History historyOf(Project opened) {
        History[] made = new History[1];
        made[0] = new History(opened, next -> {
            if (made[0] == history) {
                changed(next);
            }
        });
        return made[0];
    }
}
