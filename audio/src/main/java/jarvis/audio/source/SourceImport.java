package jarvis.audio.source;

import jarvis.audio.timeline.Timing;
import java.nio.file.Path;
import java.util.List;

/**
 * An audio file made ready for the timeline, once: decoded, resampled to the project rate (48 kHz) and its waveform's
 * peaks made. What a clip plays from then on is this, never the file again.
 */
public final class SourceImport {

    /** A source ready for the timeline: its sound at 48 kHz, its waveform, and what the file was. */
    public record Imported(String name, Audio audio, Peaks peaks, String format, int fileRate, List<String> warnings) {}

    private final AudioDecoder decoder;

    public SourceImport(AudioDecoder decoder) {
        this.decoder = decoder;
    }

    public Imported read(Path file, Progress progress) throws AudioFileException {
        AudioDecoder.Decoded decoded = decoder.decode(file, progress.part(0, 0.5));
        Audio audio = decoded.audio();
        if (audio.rate() <= 0 || audio.rate() > 768_000) {
            throw new AudioFileException(file.getFileName() + " says it runs at " + audio.rate() + " Hz, which is not a real rate: the file is damaged.");
        }
        if (audio.rate() == Timing.RATE) {
            progress.report(1, "imported");
            return new Imported(file.getFileName().toString(), audio, decoded.peaks(), decoded.format(), audio.rate(), decoded.warnings());
        }
        Audio atRate = new Resampler(audio.rate(), Timing.RATE).resample(audio, progress.part(0.5, 0.95));
        progress.checkCancelled();
        progress.report(0.95, "drawing the waveform");
        Peaks peaks = Peaks.of(atRate);
        progress.report(1, "imported");
        return new Imported(file.getFileName().toString(), atRate, peaks, decoded.format(), audio.rate(), decoded.warnings());
    }
}
