package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import java.util.function.Supplier;

/** A job of the studio's (import, mixdown, compose, replay): its type, the studio it works on, and its JSON payload. */
abstract class StudioJob implements JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String type;
    private final Supplier<Studio> studio;

    StudioJob(String type, Supplier<Studio> studio) {
        this.type = type;
        this.studio = studio;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final void run(JobContext context) throws Exception {
        run(JSON.readTree(context.payload()), studio.get(), context);
    }

    /** Does the job the payload {@code asked} describes. */
    abstract void run(JsonNode asked, Studio studio, JobContext context) throws Exception;

    /** An empty payload to fill. */
    static ObjectNode payload() {
        return JSON.createObjectNode();
    }
}
