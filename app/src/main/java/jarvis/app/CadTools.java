package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.external.Slicer;
import jarvis.cad.make.CadMakeException;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.PartReader;
import jarvis.cad.parts.Parts;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolContributor;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The CAD bench's tools for models: read a stored part (size, volume, whether it is a closed solid, whether it fits
 * each printer), make one from words, and print one. Printing slices the part for the printer and sends it as jobs
 * (shown in Activity), then starts the print: it heats and moves the printer, so every call waits for a person's
 * confirmation, whatever the model writes, and nothing is sliced or sent before it is given.
 */
public final class CadTools implements ToolContributor {

    private static final Pattern CAD_WORDS = Pattern.compile("\\b(?:stl|3mf|obj|step file|stp|cad|openscad|slic(?:e|er|ing)|mesh|"
            + "print (?:this|it|that)|(?:this|that|the) part|make (?:me )?an?|design an?)\\b");

    private final Core core;
    private final Supplier<Parts> parts;
    private final Supplier<PartMaker> maker;
    private final ObjectMapper json = new ObjectMapper();
    private final BenchParts bench;
    private final Tool info;
    private final Tool make;
    private final Tool print;
    private final Tool change;
    /** Printers a part is being sliced and sent for now: a second print on one of them waits for the first to start. */
    private final Set<String> printing = ConcurrentHashMap.newKeySet();

    CadTools(Core core, Supplier<Parts> parts, Supplier<PartMaker> maker) {
        this.core = core;
        this.parts = parts;
        this.maker = maker;
        this.bench = new BenchParts(core, parts);
        this.info = new InfoTool();
        this.make = new MakeTool();
        this.print = new PrintTool();
        this.change = new CadChangeTool(core, parts, bench);
    }

    @Override
    public List<Tool> tools() {
        return List.of(info, make, change, print);
    }

    /** The tool that makes a part again with some of its parameters changed: the CAD area's sliders too. */
    public Tool change() {
        return change;
    }

    /** The tool that makes a part from words: the CAD area's too. */
    public Tool make() {
        return make;
    }

    /** The tool that slices, sends and starts a part, asking a person first: the CAD area's too. */
    public Tool print() {
        return print;
    }

    @Override
    public boolean relevantTo(String request) {
        String text = request.toLowerCase(Locale.ROOT);
        if (CAD_WORDS.matcher(text).find()) {
            return true;
        }
        // A part named in the request, as a word ("print the bracket"), not inside one: "a.stl" is not in every "a".
        return parts.get().all().stream().map(part -> Parts.stem(Parts.fileName(part)).toLowerCase(Locale.ROOT)).filter(stem -> stem.length() >= 3)
                .anyMatch(stem -> Pattern.compile("\\b" + Pattern.quote(stem) + "\\b").matcher(text).find());
    }

    @Override
    public Optional<String> context(String request) {
        List<String> names = parts.get().all().stream().sorted(Comparator.comparing(Artifact::createdAt).reversed()).limit(BenchParts.NAMED)
                .map(Parts::fileName).toList();
        String bench = core.partOnBench().map(name -> "The part on the CAD bench (\"this part\"): " + name + ". ").orElse("");
        return Optional.of(bench + (names.isEmpty() ? "No parts are stored yet. " : "Stored parts, newest first: " + String.join(", ", names) + ". ")
                + "Read one with cad_info; make one from words with cad_make; change a made part's parameters with cad_change; print one with cad_print, which slices it for the printer, "
                + "sends it and starts it once the person confirms.");
    }

    /** {@code cad_info}: a stored part's size, volume, soundness and fit on each printer. */
    private final class InfoTool implements Tool {

        private final JsonNode parameters = bench.schema("""
                {"type":"object","additionalProperties":false,
                 "properties":{"part":{"type":"string","description":"The part's name; leave out for the part on the CAD bench"}}}""");

        @Override
        public String name() {
            return "cad_info";
        }

        @Override
        public String description() {
            return "Reads a stored 3D part: its size in mm, volume, whether it is a closed solid, and whether it fits each printer.";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.READ;
        }

        @Override
        public String describe(JsonNode arguments) {
            return "read " + BenchParts.partName(arguments, core.partOnBench());
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            Artifact part = bench.part(arguments);
            return BenchParts.inScratch(scratch -> {
                PartReader.Read read;
                try {
                    read = core.partReader().read(parts.get().copyOut(part, scratch), line -> { }, () -> false);
                } catch (MeshException e) {
                    throw new ToolException(e.getMessage());
                }
                if (read.analysis().isEmpty()) {
                    throw new ToolException(Parts.fileName(part) + " has no geometry Jarvis can read. " + read.note().orElse(""));
                }
                ObjectNode described = bench.describe(Parts.fileName(part), read.analysis().get(), read.mesh().orElseThrow().units());
                JsonNode size = described.path("size_mm");
                return ToolResult.read(described, String.format(Locale.ROOT, "%s: %s × %s × %s mm, %s", Parts.fileName(part), size.get(0), size.get(1),
                        size.get(2), read.analysis().get().closed() ? "a closed solid" : "not a closed solid"));
            });
        }
    }

    /** {@code cad_make}: a part from words, by the local model and OpenSCAD, stored and put on the bench. */
    private final class MakeTool implements Tool {

        private final JsonNode parameters = bench.schema("""
                {"type":"object","additionalProperties":false,"required":["description","file"],
                 "properties":{"description":{"type":"string","description":"The part in words, with its sizes in mm"},
                               "file":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9 ._-]*\\\\.stl$","description":"A file name for it, e.g. cable-clip.stl"},
                               "printer":{"type":"string","description":"A printer it must fit, by name"}}}""");

        @Override
        public String name() {
            return "cad_make";
        }

        @Override
        public String description() {
            return "Makes a 3D part from a description (OpenSCAD written by the local model, rendered and checked; Zoo's text to CAD when "
                    + "the local model cannot and the cloud is allowed), stores it and puts it on the CAD bench.";
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
            return "make " + arguments.path("file").asText("a part") + ": " + arguments.path("description").asText();
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            Optional<Fit.Space> space = Optional.empty();
            if (arguments.hasNonNull("printer")) {
                try {
                    space = Optional.of(core.slicing().space(arguments.path("printer").asText()));
                } catch (CommandException e) {
                    throw new ToolException(e.getMessage());
                }
            }
            Optional<Fit.Space> fitting = space;
            String file = arguments.path("file").asText();
            if (parts.get().find(file).isPresent()) {
                throw new ToolException("There is already a part " + file + "; give the new one another file name.");
            }
            return BenchParts.inScratch(scratch -> {
                PartMaker.Made made;
                try {
                    made = maker.get().make(arguments.path("description").asText(), fitting, file, scratch, CallScope.progress(), CallScope.stopped());
                } catch (CadMakeException e) {
                    throw new ToolException(e.getMessage());
                }
                core.putOnBench(file);
                MeshAnalysis part = made.analysis();
                ObjectNode described = bench.describe(file, part, Mesh.Units.MILLIMETRE).put("made_by", PartMaker.said(made));
                if (!made.parameters().isEmpty()) {
                    described.put("parameters", made.parameters()).put("repairs", made.repairs());
                }
                made.localFailure().ifPresent(why -> described.put("local_model_failed", why));
                made.misfit().ifPresent(why -> described.put("does_not_fit", why));
                return new ToolResult(described, String.format(Locale.ROOT, "Made %s: %.1f × %.1f × %.1f mm, %s%s", file, part.sizeX(), part.sizeY(),
                        part.sizeZ(), PartMaker.said(made), made.misfit().map(why -> "; it does not fit: " + why).orElse("")), true, Optional.empty());
            });
        }
    }

    /** {@code cad_print}: slice a part for a printer, send it and start it; always confirmed by a person first. */
    private final class PrintTool implements Tool {

        private final JsonNode parameters = bench.schema("""
                {"type":"object","additionalProperties":false,"required":["part","printer"],
                 "properties":{"part":{"type":"string","description":"The stored part's name (\\"this part\\" is the one on the CAD bench)"},
                               "printer":{"type":"string","description":"The printer's name"}}}""");

        @Override
        public String name() {
            return "cad_print";
        }

        @Override
        public String description() {
            return "Prints a stored 3D part on a printer: slices it with the printer's profile, sends the G-code and starts the print.";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.HAZARD;
        }

        @Override
        public Optional<String> needsConfirmation(JsonNode arguments) {
            return Optional.of("starting a print heats the nozzle and the bed and moves every axis");
        }

        @Override
        public String describe(JsonNode arguments) {
            return "slice " + arguments.path("part").asText() + " for " + arguments.path("printer").asText() + ", send it and start printing";
        }

        @Override
        public String currentState(JsonNode arguments) {
            try {
                PrinterBook book = core.printers();
                return book.entry(arguments.path("printer").asText()).map(entry -> {
                    try {
                        return entry.name() + " is " + book.printer(entry).status().stateText();
                    } catch (PrinterException e) {
                        return "";
                    }
                }).orElse("");
            } catch (RuntimeException e) {
                return "";
            }
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            Artifact part = bench.part(arguments);
            PrinterBook book = core.printers();
            PrinterBook.Entry entry = book.entry(arguments.path("printer").asText()).orElseThrow(() -> new ToolException("There is no printer '"
                    + arguments.path("printer").asText() + "'; the printers are " + String.join(", ", book.entries().stream().map(PrinterBook.Entry::name)
                    .toList()) + "."));
            try {
                core.slicing().check(entry.name());
            } catch (CommandException e) {
                throw new ToolException(e.getMessage());
            }
            if (!printing.add(entry.name())) {
                throw new ToolException("A part is being sliced and sent to " + entry.name() + " already; wait for it to start.");
            }
            try {
                idle(book, entry);
                Slicer.Sliced sliced = waitFor(() -> core.sliceForPrinter(part, entry.name(), progress -> { }).join(), "Slicing");
                waitFor(() -> core.sendToPrinter(entry.name(), sliced.gcode(), progress -> { }).join(), "Sending");
                try {
                    book.printer(entry).start(sliced.gcode().getFileName().toString());
                } catch (PrinterException e) {
                    throw new ToolException(sliced.gcode().getFileName() + " is on " + entry.name() + " but did not start: " + e.getMessage());
                }
                String estimate = sliced.time().map(time -> ", about " + time).orElse("")
                        + sliced.filamentGrams().map(grams -> String.format(Locale.ROOT, ", %.1f g of filament", grams)).orElse("");
                ObjectNode result = json.createObjectNode().put("part", Parts.fileName(part)).put("printer", entry.name())
                        .put("gcode", sliced.gcode().getFileName().toString()).put("started", true);
                sliced.time().ifPresent(time -> result.put("estimated_time", time));
                sliced.filamentGrams().ifPresent(grams -> result.put("filament_grams", grams));
                return new ToolResult(result, "Printing " + Parts.fileName(part) + " on " + entry.name() + estimate, true, Optional.empty());
            } finally {
                printing.remove(entry.name());
            }
        }

        /** Refuses a printer that is printing, paused, busy, offline or in error: a new print would fail or collide. */
        private static void idle(PrinterBook book, PrinterBook.Entry entry) throws ToolException {
            try {
                PrinterStatus status = book.printer(entry).status();
                switch (status.state()) {
                    case PRINTING, PAUSED, BUSY -> throw new ToolException(entry.name() + " is busy (" + status.stateText()
                            + status.job().map(job -> ", " + job.file()).orElse("") + "); wait for it to finish, or cancel its print first.");
                    case OFFLINE, ERROR -> throw new ToolException(entry.name() + " cannot print now: " + status.stateText() + ".");
                    default -> { }
                }
            } catch (PrinterException e) {
                throw new ToolException("Could not reach " + entry.name() + ": " + e.getMessage());
            }
        }

        private static <T> T waitFor(Supplier<T> step, String doing) throws ToolException {
            try {
                return step.get();
            } catch (CompletionException e) {
                throw new ToolException(doing + " failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        }
    }
}
