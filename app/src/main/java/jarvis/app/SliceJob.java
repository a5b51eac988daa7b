package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.Parts;
import jarvis.cad.parts.Scratch;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Slices one stored version of a part for a printer as a job: the slicer's own steps as its progress, cancellable
 * while it runs (the slicer is stopped). The part is copied out of the store by the job itself, so a retry from
 * Activity or after a restart slices the same version. A slicer's refusal, a part that does not fit and a part that
 * cannot be read are said and not retried: trying again would fail the same way.
 */
final class SliceJob implements JobHandler {

    static final String TYPE = "cad.slice";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<PartSlicing> slicing;
    private final Supplier<Parts> parts;

    SliceJob(Supplier<PartSlicing> slicing, Supplier<Parts> parts) {
        this.slicing = slicing;
        this.parts = parts;
    }

    /** The job's payload: the part's version, the printer, where the G-code goes, and a mark that tells this request from another. */
    static String payload(Artifact part, String printer, Path out) {
        return JSON.createObjectNode().put("part", part.id()).put("printer", printer).put("out", out.toAbsolutePath().toString())
                .put("request", UUID.randomUUID().toString()).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        String printer = asked.path("printer").asText();
        Artifact part = parts.get().version(asked.path("part").asText())
                .orElseThrow(() -> new PermanentJobFailure("The part to slice for " + printer + " is no longer stored."));
        try (Scratch scratch = Scratch.create("jarvis-slice")) {
            Path file = parts.get().copyOut(part, scratch.folder());
            slicing.get().slice(file, printer, Path.of(asked.path("out").asText()), context::progress, context::isCancelled);
        } catch (CommandException | MeshException e) {
            if (context.isCancelled()) {
                throw e;
            }
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, Parts.fileName(part) + " is sliced for " + printer);
    }
}
