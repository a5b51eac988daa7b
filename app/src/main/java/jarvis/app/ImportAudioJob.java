package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.audio.store.Source;
import jarvis.audio.store.SourceLibrary;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Imports an audio file into the studio as a job: decoded, resampled and its waveform made, with progress, cancellable
 * between chunks. The source's id is chosen before the job starts, so whoever asked knows what to place on a track, and
 * a retry after a restart finds the source already stored. A file that cannot be decoded is said and not retried.
 */
final class ImportAudioJob implements JobHandler {

    static final String TYPE = "studio.import";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SourceLibrary> library;

    ImportAudioJob(Supplier<SourceLibrary> library) {
        this.library = library;
    }

    static String payload(Path file, String sourceId) {
        return JSON.createObjectNode().put("file", file.toAbsolutePath().toString()).put("source", sourceId).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        Path file = Path.of(asked.path("file").asText());
        Source source;
        try {
            source = library.get().add(file, asked.path("source").asText(), Progress.of(context));
        } catch (AudioFileException e) {
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, source.name() + " is imported");
    }
}
