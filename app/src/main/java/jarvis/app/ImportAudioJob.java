package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.audio.store.Source;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Imports an audio file into the studio as a job: decoded, resampled and its waveform made, with progress, cancellable
 * between chunks. The source's id is chosen before the job starts, so whoever asked knows what to place on a track, and
 * a retry after a restart finds the source already stored. A file that cannot be decoded is said and not retried.
 */
final class ImportAudioJob extends StudioJob {

    static final String TYPE = "studio.import";

    ImportAudioJob(Supplier<Studio> studio) {
        super(TYPE, studio);
    }

    static String payload(Path file, String sourceId) {
        return payload().put("file", file.toAbsolutePath().toString()).put("source", sourceId).toString();
    }

    @Override
    void run(JsonNode asked, Studio studio, JobContext context) throws Exception {
        Path file = Path.of(asked.path("file").asText());
        Source source;
        try {
            source = studio.sources().add(file, asked.path("source").asText(), Progress.of(context));
        } catch (AudioFileException e) {
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, source.name() + " is imported");
    }
}
