package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.make.CadMakeException;
import jarvis.cad.make.ScadProgram;
import jarvis.cad.make.TextToCad;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.parts.Parts;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code cad_change}: a part made from words made again by OpenSCAD with new parameter values, from the version named
 * or the newest, as a new version; no model writes anything. The CAD area's sliders call it too. One change at a time
 * per part: a second one would start from a version about to be replaced.
 */
final class CadChangeTool implements Tool {

    private final Core core;
    private final Supplier<Parts> parts;
    private final BenchParts bench;
    /** Parts being made again with new values now. */
    private final Set<String> changing = ConcurrentHashMap.newKeySet();
    private final JsonNode parameters;

    CadChangeTool(Core core, Supplier<Parts> parts, BenchParts bench) {
        this.core = core;
        this.parts = parts;
        this.bench = bench;
        this.parameters = bench.schema("""
                {"type":"object","additionalProperties":false,"required":["values"],
                 "properties":{"part":{"type":"string","description":"The part's name; leave out for the part on the CAD bench"},
                               "version":{"type":"integer","minimum":1,"description":"The version to change; leave out for the newest"},
                               "values":{"type":"object","additionalProperties":{"type":"number"},
                                         "description":"New values of the part's parameters, by name, e.g. {\\"length\\": 50}"}}}""");
    }

    @Override
    public String name() {
        return "cad_change";
    }

    @Override
    public String description() {
        return "Changes parameters of a part made from words (its OpenSCAD program's named sizes) and makes it again, as a new version.";
    }

    @Override
    public JsonNode parameters() {
        return parameters;
    }

    @Override
    public Hazard hazard() {
        return Hazard.ACT;
    }

    @Override
    public String describe(JsonNode arguments) {
        return "change " + BenchParts.partName(arguments, core.partOnBench()) + ": " + arguments.path("values");
    }

    @Override
    public ToolResult run(JsonNode arguments) throws ToolException {
        String file = Parts.fileName(bench.part(arguments));
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> value : arguments.path("values").properties()) {
            if (!value.getValue().isNumber() || !Double.isFinite(value.getValue().asDouble())) {
                throw new ToolException("The value of " + value.getKey() + " must be a number in mm, not " + value.getValue() + ".");
            }
            values.put(value.getKey(), value.getValue().asDouble());
        }
        if (values.isEmpty()) {
            throw new ToolException("Say which parameters to change, and to what.");
        }
        if (!changing.add(file)) {
            throw new ToolException(file + " is being made again already; wait for that change to finish, then change it again.");
        }
        try {
            // The newest version is looked up only now: one made by a change that just ended is the one to start from.
            Artifact newest = parts.get().find(file).orElseThrow(() -> new ToolException("There is no stored part '" + file + "'."));
            return changed(version(newest, arguments.path("version")), values);
        } finally {
            changing.remove(file);
        }
    }

    /** The version of {@code newest} a call names, or the newest when it names none. */
    private Artifact version(Artifact newest, JsonNode version) throws ToolException {
        if (version.isMissingNode() || version.isNull() || version.asInt() == newest.version()) {
            return newest;
        }
        List<Artifact> versions = parts.get().versions(Parts.fileName(newest));
        return versions.stream().filter(each -> each.version() == version.asInt()).findFirst().orElseThrow(() -> new ToolException(
                Parts.fileName(newest) + " has no version " + version.asText() + "; its versions are 1 to " + newest.version() + "."));
    }

    private ToolResult changed(Artifact part, Map<String, Double> values) throws ToolException {
        return BenchParts.inScratch(scratch -> {
            ScadProgram program = parts.get().program(part).orElseThrow(() -> new ToolException(Parts.fileName(part)
                    + " was not made from words, so it has no parameters to change; make a new part with cad_make instead."));
            TextToCad.Made made;
            try {
                made = core.textToCad().remake(part.metadata().getOrDefault("prompt", ""), part.metadata().getOrDefault("model", ""), program,
                        values, scratch, CallScope.stopped());
            } catch (CadMakeException e) {
                throw new ToolException(e.getMessage());
            }
            String file = Parts.fileName(part);
            Artifact kept = parts.get().keepMade(made, file);
            core.putOnBench(file);
            MeshAnalysis changed = made.analysis();
            ObjectNode described = bench.describe(file, changed, Mesh.Units.MILLIMETRE).put("parameters", Parts.parameters(made.program()))
                    .put("version", kept.version()).put("from_version", part.version());
            return new ToolResult(described, String.format(Locale.ROOT, "Made %s again from version %d (now version %d): %.1f × %.1f × %.1f mm", file,
                    part.version(), kept.version(), changed.sizeX(), changed.sizeY(), changed.sizeZ()), true, Optional.empty());
        });
    }
}
