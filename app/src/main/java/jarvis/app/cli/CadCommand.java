package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.app.Core;
import jarvis.app.PartMaker;
import jarvis.cad.external.Slicer;
import jarvis.cad.make.CadMakeException;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.PartReader;
import jarvis.cad.parts.Parts;
import jarvis.cad.parts.Scratch;
import jarvis.orchestrator.commands.CommandException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis cad}: parts. {@code info} reads an STL, 3MF, OBJ or STEP file and prints the numbers that matter for printing it. */
@Command(name = "cad", mixinStandardHelpOptions = true, description = "Parts: read one and say what matters for printing it; slice it.",
        subcommands = {CadCommand.Info.class, CadCommand.Slice.class, CadCommand.Make.class})
final class CadCommand implements Runnable {

    @ParentCommand JarvisCommand root;

    @Override
    public void run() {
        root.out().println("Try ./jarvis cad info bracket.stl [--json]");
    }

    @Command(name = "info", description = "A part's size, area, volume, triangles and parts, and whether it is a closed solid.")
    static final class Info implements Callable<Integer> {
        @ParentCommand CadCommand parent;
        @Parameters(paramLabel = "FILE", description = "An .stl, .3mf, .obj or .step file") Path file;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.root.out();
            PartReader.Read read;
            try {
                read = parent.root.core().partReader().read(file, line -> { }, () -> false);
            } catch (MeshException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(read)));
                return 0;
            }
            read.step().ifPresent(step -> {
                out.println(file.getFileName() + ": STEP (" + step.schema() + ")" + (step.originatingSystem().isBlank() ? "" : " from "
                        + step.originatingSystem()) + ", units: " + step.units().map(unit -> unit.name().toLowerCase(Locale.ROOT)).orElse("not declared"));
                if (!step.products().isEmpty()) {
                    out.println("Products: " + String.join(", ", step.products()));
                }
            });
            read.note().ifPresent(out::println);
            if (read.mesh().isEmpty()) {
                return 0;
            }
            Mesh mesh = read.mesh().get();
            MeshAnalysis part = read.analysis().orElseThrow();
            double mm = mesh.units().millimetres();
            out.println(file.getFileName() + ": " + part.triangles() + " triangles, " + part.parts() + (part.parts() == 1 ? " part" : " parts"));
            out.println(String.format(Locale.ROOT, "Size: %.2f × %.2f × %.2f mm", part.sizeX() * mm, part.sizeY() * mm, part.sizeZ() * mm));
            out.println(String.format(Locale.ROOT, "Area: %.1f mm²", part.area() * mm * mm));
            out.println(part.closed() ? String.format(Locale.ROOT, "Volume: %.1f mm³ (a closed solid)", part.volume() * mm * mm * mm)
                    : String.format(Locale.ROOT, "Volume: about %.1f mm³, not to be trusted: %d open, %d non-manifold and %d flipped edges. "
                    + "Repair the mesh before printing.", part.volume() * mm * mm * mm, part.openEdges(), part.nonManifoldEdges(), part.flippedEdges()));
            List<Fit> fits = fits(read);
            if (fits.isEmpty()) {
                out.println("Printers: none set up (./jarvis printers add …), so no build volume to check against.");
            }
            fits.forEach(fit -> out.println("Printer " + fit.printer() + ": " + fit.words()));
            return 0;
        }

        /** The part against every printer's build volume. */
        private List<Fit> fits(PartReader.Read read) {
            parent.root.core().openStorage();
            return read.mesh().map(mesh -> parent.root.core().fits(read.analysis().orElseThrow(), mesh.units())).orElse(List.of());
        }

        private ObjectNode json(PartReader.Read read) {
            ObjectNode json = new ObjectMapper().createObjectNode().put("file", file.toString());
            read.step().ifPresent(step -> {
                ObjectNode header = json.putObject("step").put("name", step.name()).put("schema", step.schema())
                        .put("originating_system", step.originatingSystem())
                        .put("units", step.units().map(unit -> unit.name().toLowerCase(Locale.ROOT)).orElse(null));
                step.products().forEach(header.putArray("products")::add);
            });
            read.note().ifPresent(note -> json.put("note", note));
            read.mesh().ifPresent(mesh -> {
                MeshAnalysis part = read.analysis().orElseThrow();
                double mm = mesh.units().millimetres();
                json.put("units", mesh.units().name().toLowerCase(Locale.ROOT)).put("triangles", part.triangles()).put("parts", part.parts());
                json.putObject("size_mm").put("x", round(part.sizeX() * mm)).put("y", round(part.sizeY() * mm)).put("z", round(part.sizeZ() * mm));
                json.put("area_mm2", round(part.area() * mm * mm)).put("volume_mm3", round(part.volume() * mm * mm * mm)).put("closed", part.closed())
                        .put("open_edges", part.openEdges()).put("non_manifold_edges", part.nonManifoldEdges()).put("flipped_edges", part.flippedEdges());
            });
            ArrayNode printers = json.putArray("printers");
            fits(read).forEach(fit -> printers.addObject().put("printer", fit.printer()).put("fits", fit.fits())
                    .put("verdict", fit.verdict().name().toLowerCase(Locale.ROOT)).put("words", fit.words()));
            return json;
        }

        /** To a thousandth of a millimetre (or mm², mm³): float meshes carry no more, and JSON readers need no 3999.9999999999995. */
        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    @Command(name = "slice", description = "Slices a part into G-code for one of the printers, with the chosen slicer (PrusaSlicer or "
            + "OrcaSlicer, Settings ▸ CAD) and the printer's profile.")
    static final class Slice implements Callable<Integer> {
        @ParentCommand CadCommand parent;
        @Parameters(paramLabel = "FILE", description = "An .stl, .3mf, .obj or .step file") Path file;
        @Option(names = "--printer", required = true, description = "The printer to slice for (its build volume and profile)") String printer;
        @Option(names = {"-o", "--output"}, description = "Where to write the G-code (default: next to the part)") Path output;

        @Override
        public Integer call() {
            PrintWriter out = parent.root.out();
            parent.root.core().openStorage();
            Path gcode = output != null ? output : file.resolveSibling(Parts.stem(file.getFileName().toString()) + ".gcode");
            try {
                Slicer.Sliced sliced = parent.root.core().slicing().slice(file, printer, gcode,
                        (fraction, doing) -> parent.root.err().printf(Locale.ROOT, "%3.0f %% %s%n", fraction * 100, doing), () -> false);
                out.println("Sliced " + file.getFileName() + " for " + printer + " into " + sliced.gcode() + ": " + sliced.words() + ".");
                return 0;
            } catch (CommandException | MeshException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
        }
    }

    @Command(name = "make", description = "Makes a part from words: the local model writes an OpenSCAD program, OpenSCAD renders it, "
            + "errors go back for up to three repairs; the part is checked and stored with its prompt and program.")
    static final class Make implements Callable<Integer> {
        @ParentCommand CadCommand parent;
        @Parameters(paramLabel = "WORDS", description = "What to make, e.g. \"a 40 mm cable clip for a 6 mm cable\"") String prompt;
        @Option(names = {"-o", "--output"}, required = true, description = "Where to write the STL") Path output;
        @Option(names = "--printer", description = "A printer the part must fit") String printer;

        @Override
        public Integer call() throws IOException {
            Core core = parent.root.core();
            Core.Storage storage = core.openStorage();
            Optional<Fit.Space> space = Optional.empty();
            if (printer != null) {
                try {
                    space = Optional.of(core.slicing().space(printer));
                } catch (CommandException e) {
                    parent.root.err().println("jarvis: " + e.getMessage());
                    return JarvisCommand.BAD_INPUT;
                }
            }
            try (Scratch scratch = Scratch.create("jarvis-make")) {
                PartMaker.Made made = core.partMaker().make(prompt, space, output.getFileName().toString(), scratch.folder(),
                        step -> parent.root.err().println(step), () -> false);
                made.localFailure().ifPresent(why -> parent.root.err().println("The local model could not make it: " + why));
                made.misfit().ifPresent(why -> parent.root.err().println("Zoo's part does not fit: " + why));
                Files.copy(made.stl(), output, StandardCopyOption.REPLACE_EXISTING);
                MeshAnalysis part = made.analysis();
                parent.root.out().println(String.format(Locale.ROOT, "Made %s (%.1f × %.1f × %.1f mm, %s), %s%s.", output, part.sizeX(), part.sizeY(),
                        part.sizeZ(), part.closed() ? "a closed solid" : "not closed", PartMaker.said(made),
                        made.parameters().isEmpty() ? "" : "; parameters: " + made.parameters()));
                return 0;
            } catch (CadMakeException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return 1;
            }
        }
    }
}
