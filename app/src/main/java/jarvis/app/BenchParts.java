package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.parts.Parts;
import jarvis.cad.parts.Scratch;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.tools.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stored parts as the CAD bench's tools name, find and describe them: the part a call names (or the one on the
 * bench), what it is in the numbers a model reads, and a scratch folder to work on it in.
 */
final class BenchParts {

    /** How many part names a message lists before it says how many more there are. */
    static final int NAMED = 12;

    private final Core core;
    private final Supplier<Parts> parts;
    private final ObjectMapper json = new ObjectMapper();

    BenchParts(Core core, Supplier<Parts> parts) {
        this.core = core;
        this.parts = parts;
    }

    JsonNode schema(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The part a call names, or the one on the bench when it names none. */
    Artifact part(JsonNode arguments) throws ToolException {
        String name = arguments.path("part").asText("").isBlank() ? core.partOnBench()
                .orElseThrow(() -> new ToolException("No part is on the CAD bench; say which part, by its name.")) : arguments.path("part").asText();
        return parts.get().find(name).orElseThrow(() -> new ToolException("There is no stored part '" + name + "'; the parts are "
                + listed(parts.get().all().stream().map(Parts::fileName).toList()) + "."));
    }

    static String listed(List<String> names) {
        return names.size() <= NAMED ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMED)) + " and " + (names.size() - NAMED) + " more";
    }

    static String partName(JsonNode arguments, Optional<String> onBench) {
        String named = arguments.path("part").asText("");
        return named.isBlank() ? onBench.orElse("the part on the bench") : named;
    }

    /** Runs {@code work} with a scratch folder that is gone afterwards. */
    static <T> T inScratch(ScratchWork<T> work) throws ToolException {
        try (Scratch scratch = Scratch.create("jarvis-cad")) {
            return work.run(scratch.folder());
        } catch (IOException e) {
            throw new ToolException("Could not work on the part in a scratch folder: " + e.getMessage());
        }
    }

    @FunctionalInterface
    interface ScratchWork<T> {
        T run(Path scratch) throws IOException, ToolException;
    }

    /** What a part is, as the model reads it. */
    ObjectNode describe(String name, MeshAnalysis part, Mesh.Units units) {
        double mm = units.millimetres();
        ObjectNode described = json.createObjectNode().put("part", name);
        described.putArray("size_mm").add(round(part.sizeX() * mm)).add(round(part.sizeY() * mm)).add(round(part.sizeZ() * mm));
        described.put("triangles", part.triangles()).put("pieces", part.parts()).put("closed_solid", part.closed());
        if (part.closed()) {
            described.put("volume_cm3", round(part.volume() * mm * mm * mm / 1000));
        } else {
            described.put("open_edges", part.openEdges()).put("non_manifold_edges", part.nonManifoldEdges()).put("flipped_edges", part.flippedEdges());
        }
        ObjectNode fits = described.putObject("fits");
        core.fits(part, units).forEach(fit -> fits.put(fit.printer(), fit.words()));
        return described;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
