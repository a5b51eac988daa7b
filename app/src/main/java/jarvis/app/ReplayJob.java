package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.util.function.Supplier;

/**
 * Plays a part written here with another General MIDI instrument, as a job (Activity shows it and can cancel it): the
 * same notes rendered again and stored as a new source with its MIDI. The new source's id is chosen before the job
 * starts, so a retry finds it stored rather than rendering it twice.
 */
final class ReplayJob extends StudioJob {

    static final String TYPE = "studio.replay";

    ReplayJob(Supplier<Studio> studio) {
        super(TYPE, studio);
    }

    static String payload(String sourceId, String instrument, String newId) {
        return payload().put("source", sourceId).put("instrument", instrument).put("new", newId).toString();
    }

    @Override
    void run(JsonNode asked, Studio studio, JobContext context) throws Exception {
        String instrument = asked.path("instrument").asText();
        try {
            studio.replay(asked.path("source").asText(), instrument, asked.path("new").asText(), Progress.of(context));
        } catch (PartException | AudioFileException e) {
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, "The part is played by " + instrument.replace('_', ' '));
    }
}
