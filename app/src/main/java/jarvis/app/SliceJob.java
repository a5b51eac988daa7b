package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.cad.external.CommandException;
import jarvis.cad.mesh.MeshException;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Slices a part for a printer as a job: PrusaSlicer's own steps as its progress, cancellable while it runs (the slicer
 * is stopped). A slicer's refusal, a part that does not fit and a part that cannot be read are said and not retried:
 * trying again would fail the same way.
 */
final class SliceJob implements JobHandler {

    static final String TYPE = "cad.slice";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<PartSlicing> slicing;

    SliceJob(Supplier<PartSlicing> slicing) {
        this.slicing = slicing;
    }

    /** The job's payload: the part file, the printer, where the G-code goes, and a mark that tells this request from another. */
    static String payload(Path part, String printer, Path out) {
        return JSON.createObjectNode().put("part", part.toAbsolutePath().toString()).put("printer", printer)
                .put("out", out.toAbsolutePath().toString()).put("request", UUID.randomUUID().toString()).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        Path part = Path.of(asked.path("part").asText());
        String printer = asked.path("printer").asText();
        try {
            slicing.get().slice(part, printer, Path.of(asked.path("out").asText()), context::progress, context::isCancelled);
        } catch (CommandException | MeshException e) {
            if (context.isCancelled()) {
                throw e;
            }
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, part.getFileName() + " is sliced for " + printer);
    }
}
