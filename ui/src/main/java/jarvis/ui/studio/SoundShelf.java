package jarvis.ui.studio;

import jarvis.audio.compose.Part;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Peaks;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The sounds, waveforms and parts the open project's clips play, loaded off the UI thread as clips come to need them.
 * Cleared when another project opens: what was still loading for the last one is dropped as it arrives.
 */
final class SoundShelf {

    private final StudioViewModel.Library library;
    private final Executor background;
    private final Executor ui;
    /** Told on the UI thread when something arrived, so the timeline draws again. */
    private final Runnable arrived;
    /** Told on the UI thread what could not be loaded. */
    private final Consumer<String> failed;
    private final Map<String, Audio> sounds = new ConcurrentHashMap<>();
    private final Map<String, Peaks> waveforms = new ConcurrentHashMap<>();
    private final Map<String, Part> parts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asked = new ConcurrentHashMap<>();
    /** Bumped by {@link #clear()}: a load begun before it is let go. */
    private final AtomicInteger generation = new AtomicInteger();

    SoundShelf(StudioViewModel.Library library, Executor background, Executor ui, Runnable arrived, Consumer<String> failed) {
        this.library = library;
        this.background = background;
        this.ui = ui;
        this.arrived = arrived;
        this.failed = failed;
    }

    /** A source's sound, or null until it is loaded (the mixer plays silence for it until then). */
    Audio sound(String sourceId) {
        return sounds.get(sourceId);
    }

    Optional<Peaks> waveform(String sourceId) {
        return Optional.ofNullable(waveforms.get(sourceId));
    }

    /** The part a source plays, when it is one written here (known once its sound is loaded). */
    Optional<Part> part(String sourceId) {
        return Optional.ofNullable(parts.get(sourceId));
    }

    void clear() {
        generation.incrementAndGet();
        sounds.clear();
        waveforms.clear();
        parts.clear();
        asked.clear();
    }

    /** Loads what the project's clips play and is not loaded or loading yet. */
    void load(Project project) {
        int now = generation.get();
        for (Track track : project.tracks()) {
            for (Clip clip : track.clips()) {
                String id = clip.sourceId();
                if (asked.putIfAbsent(id, true) == null) {
                    background.execute(() -> loadOne(id, now));
                }
            }
        }
    }

    private void loadOne(String id, int asOf) {
        Audio audio;
        Peaks peaks;
        try {
            audio = library.audio(id);
            peaks = library.peaks(id);
        } catch (AudioFileException | RuntimeException e) {
            if (generation.get() == asOf) {
                asked.remove(id);
                ui.execute(() -> failed.accept(e.getMessage()));
            }
            return;
        }
        // The part's notes apart: a part that cannot be read back still plays its sound.
        Optional<Part> part;
        try {
            part = library.part(id);
        } catch (PartException | RuntimeException e) {
            part = Optional.empty();
            ui.execute(() -> failed.accept(e.getMessage()));
        }
        if (generation.get() != asOf) {
            return;
        }
        part.ifPresent(p -> parts.put(id, p));
        sounds.put(id, audio);
        waveforms.put(id, peaks);
        ui.execute(arrived);
    }
}
