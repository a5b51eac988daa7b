package jarvis.audio.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A piece of music being arranged: its timing, its tracks top to bottom, and the loop region (empty when playback runs
 * straight through). Immutable: an edit makes a new project, which is what lets every edit be undone.
 */
public record Project(String id, String name, Timing timing, List<Track> tracks, Optional<Loop> loop) {

    /**
     * A region played over and over while it is on: from {@code start} up to, not including, {@code end}. Turned off,
     * it is kept, to be turned on again.
     */
    public record Loop(long start, long end, boolean on) {
        public Loop {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a loop runs forward from frame 0 or later, not " + start + " to " + end);
            }
        }

        /** A loop that is on. */
        public Loop(long start, long end) {
            this(start, end, true);
        }

        public Loop turned(boolean nowOn) {
            return new Loop(start, end, nowOn);
        }
    }

    /** The loop region when it is on: what playback repeats. */
    public Optional<Loop> activeLoop() {
        return loop.filter(Loop::on);
    }

    public Project {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a project needs a name");
        }
        tracks = List.copyOf(tracks);
    }

    public static Project empty(String id, String name) {
        return new Project(id, name, Timing.standard(), List.of(), Optional.empty());
    }

    public Optional<Track> track(String trackId) {
        return tracks.stream().filter(t -> t.id().equals(trackId)).findFirst();
    }

    /** The track holding a clip. */
    public Optional<Track> trackOf(String clipId) {
        return tracks.stream().filter(t -> t.clip(clipId).isPresent()).findFirst();
    }

    public Optional<Clip> clip(String clipId) {
        return trackOf(clipId).flatMap(t -> t.clip(clipId));
    }

    /** The first frame after the last clip of any track. */
    public long end() {
        return tracks.stream().mapToLong(Track::end).max().orElse(0);
    }

    public boolean anySolo() {
        return tracks.stream().anyMatch(Track::solo);
    }

    /** Whether a track is heard: not muted, and soloed when any track is. */
    public boolean audible(Track track) {
        return !track.mute() && (track.solo() || !anySolo());
    }

    public Project withTiming(Timing newTiming) {
        return new Project(id, name, newTiming, tracks, loop);
    }

    public Project withTracks(List<Track> newTracks) {
        return new Project(id, name, timing, newTracks, loop);
    }

    public Project withLoop(Optional<Loop> newLoop) {
        return new Project(id, name, timing, tracks, newLoop);
    }

    public Project named(String newName) {
        return new Project(id, newName, timing, tracks, loop);
    }

    public Project mapTrack(String trackId, UnaryOperator<Track> change) {
        requireTrack(trackId);
        return withTracks(tracks.stream().map(t -> t.id().equals(trackId) ? change.apply(t) : t).toList());
    }

    /** Adds a track at {@code index} (clamped to the list). */
    public Project withTrack(int index, Track track) {
        if (track(track.id()).isPresent()) {
            throw new IllegalArgumentException("there is already a track " + track.id());
        }
        List<Track> next = new ArrayList<>(tracks);
        next.add(Math.clamp(index, 0, next.size()), track);
        return withTracks(next);
    }

    public Project withoutTrack(String trackId) {
        requireTrack(trackId);
        return withTracks(tracks.stream().filter(t -> !t.id().equals(trackId)).toList());
    }

    public Track requireTrack(String trackId) {
        return track(trackId).orElseThrow(() -> new IllegalArgumentException("there is no track " + trackId + " in " + name));
    }

    public Clip requireClip(String clipId) {
        return clip(clipId).orElseThrow(() -> new IllegalArgumentException("there is no clip " + clipId + " in " + name));
    }
}
