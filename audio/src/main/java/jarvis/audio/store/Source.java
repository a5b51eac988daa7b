package jarvis.audio.store;

import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Timing;
import jarvis.audio.timeline.Track;
import java.time.Instant;
import java.util.UUID;

/**
 * An imported sound as the studio keeps it: its name (the file it came from), its length at 48 kHz, its channels, the
 * file's format and rate, and the artifacts holding its samples and its waveform's peaks.
 */
public record Source(String id, String name, long frames, int channels, String format, int fileRate, String audioArtifact, String peaksArtifact,
                     Instant added) {

    public double seconds() {
        return frames / (double) Timing.RATE;
    }

    /** A new track holding the whole source from the start, named after its file (without the extension). */
    public Track newTrack() {
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).strip();
        return Track.empty(UUID.randomUUID().toString(), stem.isEmpty() ? "Audio" : stem)
                .withClip(Clip.of(UUID.randomUUID().toString(), id, 0, frames));
    }
}
