package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.audio.mix.Mixdown;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.audio.timeline.Project;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mixes a project down as a job, with progress and cancel: the whole project as saved, into a stereo WAV at 48 kHz,
 * stored in the artifact store as a new version of {@code studio/mixdowns/NAME.wav}. A project that is gone or empty,
 * or a source that cannot be read, is said and not retried.
 */
final class MixdownJob extends StudioJob {

    static final String TYPE = "studio.mixdown";

    MixdownJob(Supplier<Studio> studio) {
        super(TYPE, studio);
    }

    static String payload(String project, int bits) {
        return payload().put("project", project).put("bits", bits).put("request", UUID.randomUUID().toString()).toString();
    }

    /** Where a project's mixdowns are stored. */
    static String artifactName(String project) {
        return "studio/mixdowns/" + project.replaceAll("[^\\p{L}\\p{N} ._-]+", "_") + ".wav";
    }

    @Override
    void run(JsonNode asked, Studio studio, JobContext context) throws Exception {
        String name = asked.path("project").asText();
        int bits = asked.path("bits").asInt(24);
        Project project = studio.projects().find(name).orElseThrow(() -> new PermanentJobFailure("There is no project called " + name + "."));
        if (project.end() == 0) {
            throw new PermanentJobFailure(name + " has no clips to mix down.");
        }
        Path wav = Files.createTempFile("jarvis-mixdown", ".wav");
        try {
            Mixdown.Result result;
            try {
                result = studio.mixdown(project, bits, wav, Progress.of(context).part(0, 0.9));
            } catch (AudioFileException e) {
                throw new PermanentJobFailure(e.getMessage());
            }
            context.progress(0.9, "storing the mixdown of " + name);
            try (InputStream in = Files.newInputStream(wav)) {
                studio.store(artifactName(name), in, Map.of("project", name, "bits", Integer.toString(bits), "frames",
                        Long.toString(result.frames()), "clipped", Long.toString(result.clipped())));
            }
            context.progress(1, name + " is mixed down" + (result.clipped() == 0 ? "" : "; " + result.clipped() + " samples were clipped"));
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
