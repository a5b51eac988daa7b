package jarvis.audio.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One lane of the timeline: its name, mute and solo, volume (dB, 0 = as is) and pan (-1 left to +1 right), and its
 * clips in order of start. Immutable; every change makes a new track.
 */
public record Track(String id, String name, boolean mute, boolean solo, double volumeDb, double pan, List<Clip> clips) {

    public static final double SILENT_DB = -60;
    public static final double LOUDEST_DB = 12;

    public Track {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a track needs a name");
        }
        if (!(volumeDb >= SILENT_DB - 1e-9 && volumeDb <= LOUDEST_DB + 1e-9)) {
            throw new IllegalArgumentException("a track's volume is between " + SILENT_DB + " and +" + LOUDEST_DB + " dB, not " + volumeDb);
        }
        if (!(pan >= -1 && pan <= 1)) {
            throw new IllegalArgumentException("a pan is between -1 (left) and 1 (right), not " + pan);
        }
        clips = clips.stream().sorted(Comparator.comparingLong(Clip::start)).toList();
    }

    public static Track empty(String id, String name) {
        return new Track(id, name, false, false, 0, 0, List.of());
    }

    /** The volume as a factor; the lowest setting is silence. */
    public double volume() {
        return volumeDb <= SILENT_DB ? 0 : Math.pow(10, volumeDb / 20);
    }

    /** Left and right factors for a pan: constant power, so a sound keeps its loudness as it moves. */
    public double leftGain() {
        return Math.cos((pan + 1) * Math.PI / 4) * Math.sqrt(2);
    }

    public double rightGain() {
        return Math.sin((pan + 1) * Math.PI / 4) * Math.sqrt(2);
    }

    public Optional<Clip> clip(String clipId) {
        return clips.stream().filter(c -> c.id().equals(clipId)).findFirst();
    }

    /** The first frame after the last clip, 0 for an empty track. */
    public long end() {
        return clips.stream().mapToLong(Clip::end).max().orElse(0);
    }

    public Track withClips(List<Clip> newClips) {
        return new Track(id, name, mute, solo, volumeDb, pan, newClips);
    }

    public Track withClip(Clip clip) {
        List<Clip> next = new ArrayList<>(clips);
        next.add(clip);
        return withClips(next);
    }

    public Track withoutClip(String clipId) {
        return withClips(clips.stream().filter(c -> !c.id().equals(clipId)).toList());
    }

    public Track mapClip(String clipId, UnaryOperator<Clip> change) {
        return withClips(clips.stream().map(c -> c.id().equals(clipId) ? change.apply(c) : c).toList());
    }

    public Track named(String newName) {
        return new Track(id, newName, mute, solo, volumeDb, pan, clips);
    }

    public Track muted(boolean on) {
        return new Track(id, name, on, solo, volumeDb, pan, clips);
    }

    public Track soloed(boolean on) {
        return new Track(id, name, mute, on, volumeDb, pan, clips);
    }

    public Track withVolumeDb(double db) {
        return new Track(id, name, mute, solo, Math.clamp(db, SILENT_DB, LOUDEST_DB), pan, clips);
    }

    public Track withPan(double newPan) {
        return new Track(id, name, mute, solo, volumeDb, Math.clamp(newPan, -1, 1), clips);
    }
}
