package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes a part from words as a job, from the Studio area's own field: the local model writes it, Gervill plays it, and
 * it lands on a new track of the project open there. Cancelled between steps. A part the model could not write, or a
 * sound that could not be stored, is said and not retried: asking again is the person's choice.
 */
final class ComposeJob implements JobHandler {

    static final String TYPE = "studio.compose";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Studio> studio;

    ComposeJob(Supplier<Studio> studio) {
        this.studio = studio;
    }

    static String payload(String request) {
        return JSON.createObjectNode().put("request", request).put("asked", UUID.randomUUID().toString()).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        Studio.Composed made;
        try {
            made = studio.get().compose(asked.path("request").asText(), Optional.empty(), Progress.of(context));
        } catch (PartException | AudioFileException e) {
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, String.format(java.util.Locale.ROOT, "Added %s to %s: %s at %.0f bpm, %d notes", made.track(), made.project(),
                made.part().barsInWords(), made.part().bpm(), made.part().notes().size()));
    }
}
