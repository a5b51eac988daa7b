package jarvis.audio.store;

import java.time.Instant;

/**
 * An imported sound as the studio keeps it: its name (the file it came from), its length at 48 kHz, its channels, the
 * file's format and rate, and the artifacts holding its samples and its waveform's peaks.
 */
public record Source(String id, String name, long frames, int channels, String format, int fileRate, String audioArtifact, String peaksArtifact,
                     Instant added) {

    public double seconds() {
        return frames / 48_000.0;
    }
}
