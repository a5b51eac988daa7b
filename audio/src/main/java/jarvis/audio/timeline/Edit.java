package jarvis.audio.timeline;

import java.util.Optional;

/**
 * One change to a project, as a person names it in the Undo menu. Edits are values: applying one to a project makes
 * the next project and changes nothing else, so {@link History} can undo any of them by going back to the project before
 * it. Ids of new clips and tracks come with the edit, so redoing one makes the same ids again.
 */
public sealed interface Edit {

    /** What the Undo menu calls it: "Move clip", "Split clip". */
    String label();

    Project apply(Project project);

    /** A clip moved in time, and to another track when {@code trackId} is not its own. */
    record MoveClip(String clipId, String trackId, long start) implements Edit {
        public String label() {
            return "Move clip";
        }

        public Project apply(Project project) {
            Clip moved = project.requireClip(clipId).movedTo(Math.max(0, start));
            String from = project.trackOf(clipId).orElseThrow().id();
            project.requireTrack(trackId);
            return project.mapTrack(from, t -> t.withoutClip(clipId)).mapTrack(trackId, t -> t.withClip(moved));
        }
    }

    /** A clip's left edge dragged: the audio stays put under it. */
    record TrimStart(String clipId, long start) implements Edit {
        public String label() {
            return "Trim clip";
        }

        public Project apply(Project project) {
            return mapClip(project, clipId, c -> c.trimmedStartTo(start));
        }
    }

    /** A clip's right edge dragged, no further than its source's last frame ({@code sourceFrames} long). */
    record TrimEnd(String clipId, long end, long sourceFrames) implements Edit {
        public String label() {
            return "Trim clip";
        }

        public Project apply(Project project) {
            return mapClip(project, clipId, c -> c.trimmedEndTo(end, sourceFrames));
        }
    }

    /** A clip cut in two at a frame; the right part is {@code rightId}. */
    record SplitClip(String clipId, long at, String rightId) implements Edit {
        public String label() {
            return "Split clip";
        }

        public Project apply(Project project) {
            Clip[] parts = project.requireClip(clipId).splitAt(at, rightId);
            String track = project.trackOf(clipId).orElseThrow().id();
            return project.mapTrack(track, t -> t.withoutClip(clipId).withClip(parts[0]).withClip(parts[1]));
        }
    }

    /** A copy of a clip, as {@code copyId}, starting at {@code start} on the same track. */
    record DuplicateClip(String clipId, String copyId, long start) implements Edit {
        public String label() {
            return "Duplicate clip";
        }

        public Project apply(Project project) {
            Clip copy = project.requireClip(clipId).withId(copyId).movedTo(Math.max(0, start));
            String track = project.trackOf(clipId).orElseThrow().id();
            return project.mapTrack(track, t -> t.withClip(copy));
        }
    }

    record DeleteClip(String clipId) implements Edit {
        public String label() {
            return "Delete clip";
        }

        public Project apply(Project project) {
            project.requireClip(clipId);
            return project.mapTrack(project.trackOf(clipId).orElseThrow().id(), t -> t.withoutClip(clipId));
        }
    }

    /** A new clip placed on a track (an import, a generated part). */
    record AddClip(String trackId, Clip clip) implements Edit {
        public String label() {
            return "Add clip";
        }

        public Project apply(Project project) {
            if (project.clip(clip.id()).isPresent()) {
                throw new IllegalArgumentException("there is already a clip " + clip.id());
            }
            return project.mapTrack(trackId, t -> t.withClip(clip));
        }
    }

    /** A fade handle dragged: fade-in and fade-out lengths in frames, shortened to fit the clip. */
    record SetFades(String clipId, long fadeIn, long fadeOut) implements Edit {
        public String label() {
            return "Change fades";
        }

        public Project apply(Project project) {
            return mapClip(project, clipId, c -> {
                long in = Math.clamp(fadeIn, 0, c.length());
                return c.withFades(in, Math.clamp(fadeOut, 0, c.length() - in));
            });
        }
    }

    record SetClipGain(String clipId, double gain) implements Edit {
        public String label() {
            return "Change clip gain";
        }

        public Project apply(Project project) {
            return mapClip(project, clipId, c -> c.withGain(gain));
        }
    }

    /**
     * Every clip of a track that plays {@code fromSourceId} plays {@code toSourceId} instead ({@code toFrames} long): a
     * part played by another instrument. A track still named {@code fromName} (the old instrument) takes {@code toName};
     * a name the person gave it stays.
     */
    record ReplaceSource(String trackId, String fromSourceId, String toSourceId, long toFrames, String fromName, String toName) implements Edit {
        public String label() {
            return "Change instrument";
        }

        public Project apply(Project project) {
            Track track = project.requireTrack(trackId);
            if (track.clips().stream().noneMatch(c -> c.sourceId().equals(fromSourceId))) {
                throw new IllegalArgumentException("the track " + track.name() + " has no clip of that sound any more");
            }
            String name = track.name().equals(fromName.strip()) ? toName.strip() : track.name();
            return project.mapTrack(trackId, t -> t.named(name).withClips(t.clips().stream()
                    .map(c -> c.sourceId().equals(fromSourceId) ? c.withSource(toSourceId, toFrames) : c).toList()));
        }
    }

    /** A track added at {@code index} (clamped to the list). */
    record AddTrack(int index, Track track) implements Edit {
        public String label() {
            return "Add track";
        }

        public Project apply(Project project) {
            return project.withTrack(index, track);
        }
    }

    record RemoveTrack(String trackId) implements Edit {
        public String label() {
            return "Remove track";
        }

        public Project apply(Project project) {
            return project.withoutTrack(trackId);
        }
    }

    record RenameTrack(String trackId, String name) implements Edit {
        public String label() {
            return "Rename track";
        }

        public Project apply(Project project) {
            return project.mapTrack(trackId, t -> t.named(name.strip()));
        }
    }

    record SetMute(String trackId, boolean mute) implements Edit {
        public String label() {
            return mute ? "Mute track" : "Unmute track";
        }

        public Project apply(Project project) {
            return project.mapTrack(trackId, t -> t.muted(mute));
        }
    }

    record SetSolo(String trackId, boolean solo) implements Edit {
        public String label() {
            return solo ? "Solo track" : "Unsolo track";
        }

        public Project apply(Project project) {
            return project.mapTrack(trackId, t -> t.soloed(solo));
        }
    }

    record SetVolume(String trackId, double volumeDb) implements Edit {
        public String label() {
            return "Change volume";
        }

        public Project apply(Project project) {
            return project.mapTrack(trackId, t -> t.withVolumeDb(volumeDb));
        }
    }

    record SetPan(String trackId, double pan) implements Edit {
        public String label() {
            return "Change pan";
        }

        public Project apply(Project project) {
            return project.mapTrack(trackId, t -> t.withPan(pan));
        }
    }

    /** The loop region set, or cleared when empty. */
    record SetLoop(Optional<Project.Loop> loop) implements Edit {
        public String label() {
            return loop.isPresent() ? "Set loop" : "Clear loop";
        }

        public Project apply(Project project) {
            return project.withLoop(loop);
        }
    }

    /** The loop region turned on or off, kept either way. */
    record TurnLoop(boolean on) implements Edit {
        public String label() {
            return on ? "Loop on" : "Loop off";
        }

        public Project apply(Project project) {
            Project.Loop loop = project.loop().orElseThrow(() -> new IllegalArgumentException(
                    "There is no loop region yet: shift-drag on the ruler to make one."));
            return project.withLoop(Optional.of(loop.turned(on)));
        }
    }

    record SetTempo(double bpm) implements Edit {
        public String label() {
            return "Change tempo";
        }

        public Project apply(Project project) {
            return project.withTiming(project.timing().withTempo(bpm));
        }
    }

    private static Project mapClip(Project project, String clipId, java.util.function.UnaryOperator<Clip> change) {
        project.requireClip(clipId);
        return project.mapTrack(project.trackOf(clipId).orElseThrow().id(), t -> t.mapClip(clipId, change));
    }
}
