package jarvis.ui.studio;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
    }

    /** What the area shows: nothing yet (drop audio here), or the timeline. */
    public enum State { EMPTY, READY }

    private final Library library;
    private final ProjectBook projects;
    private final Playback playback;
    private final Executor background;
    private final Executor ui;
    private final History history;
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
    private final Map<String, Boolean> asked = new ConcurrentHashMap<>();
    private final AtomicBoolean saving = new AtomicBoolean();
    private volatile Project toSave;
    private volatile Project savedLast;
    private final Object saveLock = new Object();
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
        this.savedLast = opened;
        refreshState(opened);
        loadSounds(opened);
    }

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public Project project() {
        return project.get();
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

    // Importing.

    /** Imports audio files, each onto a new track at the bottom once it is ready; several at once are each their own job. */
    public void importFiles(List<Path> files) {
        for (Path file : files) {
            importing.set(importing.get() + 1);
            library.importFile(file, fraction -> ui.execute(() -> importProgress.set(fraction))).whenCompleteAsync((source, failure) -> {
                importing.set(importing.get() - 1);
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    message.set(cause.getMessage());
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
                synchronized (saveLock) {
                    if (now != savedLast) {
                        projects.save(now);
                        savedLast = now;
                    }
                }
            } catch (RuntimeException e) {
                ui.execute(() -> message.set("The project could not be saved, so it was not mixed down: " + e.getMessage()));
                return;
            }
            library.mixdown(now.name(), fraction -> { }).whenCompleteAsync((stored, failure) -> {
                Throwable cause = failure == null ? null : failure.getCause() != null ? failure.getCause() : failure;
                message.set(cause == null ? now.name() + " is mixed down: " + stored + "." : cause.getMessage());
            }, ui);
        });
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
        long from = playhead >= now.end() ? now.loop().map(Project.Loop::start).orElse(0L) : playhead;
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
        Project last = project();
        synchronized (saveLock) {
            if (last != savedLast) {
                try {
                    projects.save(last);
                    savedLast = last;
                } catch (RuntimeException e) {
                    LOG.warn("The studio's project was not saved as the window closed: {}", e.getMessage());
                }
            }
        }
    }

    // Inner workings.

    private void changed(Project next) {
        project.set(next);
        refreshState(next);
        loadSounds(next);
        if (playing.get()) {
            playback.update(new Mixer(next, sounds::get));
        }
        save(next);
    }

    private void refreshState(Project now) {
        state.set(now.tracks().isEmpty() ? State.EMPTY : State.READY);
    }

    /** Saves off the UI thread; a burst of edits writes the last project once. */
    private void save(Project next) {
        toSave = next;
        if (saving.compareAndSet(false, true)) {
            background.execute(this::saveLatest);
        }
    }

    private void saveLatest() {
        Project last = null;
        try {
            while (last != toSave) {
                last = toSave;
                // One save at a time, this one and the one as the window closes: neither writes after the other's newer copy.
                synchronized (saveLock) {
                    if (last != savedLast) {
                        projects.save(last);
                        savedLast = last;
                    }
                }
            }
        } catch (RuntimeException e) {
            ui.execute(() -> message.set("The project could not be saved: " + e.getMessage()));
        } finally {
            saving.set(false);
        }
        // A change that came after the last look but before the flag was down is saved too.
        if (last != toSave && saving.compareAndSet(false, true)) {
            background.execute(this::saveLatest);
        }
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
                        sounds.put(id, audio);
                        waveforms.put(id, peaks);
                        ui.execute(() -> loaded.set(loaded.get() + 1));
                    } catch (AudioFileException e) {
                        asked.remove(id);
                        ui.execute(() -> message.set(e.getMessage()));
                    }
                });
            }
        }
    }
}
