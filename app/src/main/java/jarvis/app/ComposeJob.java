package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Writes a part from words as a job, from the Studio area's own field: the local model writes it, Gervill plays it, and
 * it lands on a new track of the project open there. Cancelled between steps. A part the model could not write, or a
 * sound that could not be stored, is said and not retried: asking again is the person's choice.
 */
final class ComposeJob extends StudioJob {

    static final String TYPE = "studio.compose";

    ComposeJob(Supplier<Studio> studio) {
        super(TYPE, studio);
    }

    static String payload(String request) {
        return payload().put("request", request).put("asked", UUID.randomUUID().toString()).toString();
    }

    @Override
    void run(JsonNode asked, Studio studio, JobContext context) throws Exception {
        Studio.Composed made;
        try {
            made = studio.compose(asked.path("request").asText(), Optional.empty(), Progress.of(context));
        } catch (CancellationException e) {
            throw e;
        } catch (PartException | AudioFileException | RuntimeException e) {
            // Never again on its own: a second try would ask the model again and store another sound.
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, made.summary());
    }
}
