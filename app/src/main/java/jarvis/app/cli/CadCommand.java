package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.MeshFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis cad}: parts. {@code info} reads an STL or OBJ and prints the numbers that matter for printing it. */
@Command(name = "cad", mixinStandardHelpOptions = true, description = "Parts: read one and say what matters for printing it.",
        subcommands = {CadCommand.Info.class})
final class CadCommand implements Runnable {

    @ParentCommand JarvisCommand root;

    @Override
    public void run() {
        root.out().println("Try ./jarvis cad info bracket.stl [--json]");
    }

    @Command(name = "info", description = "A part's size, area, volume, triangles and parts, and whether it is a closed solid.")
    static final class Info implements Callable<Integer> {
        @ParentCommand CadCommand parent;
        @Parameters(paramLabel = "FILE", description = "An .stl or .obj file") Path file;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.root.out();
            Mesh mesh;
            try {
                mesh = MeshFiles.read(file);
            } catch (MeshException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
            MeshAnalysis part = MeshAnalysis.of(mesh);
            double mm = mesh.units().millimetres();
            if (json) {
                ObjectNode read = new ObjectMapper().createObjectNode().put("file", file.toString())
                        .put("units", mesh.units().name().toLowerCase(Locale.ROOT)).put("triangles", part.triangles()).put("parts", part.parts());
                read.putObject("size_mm").put("x", round(part.sizeX() * mm)).put("y", round(part.sizeY() * mm)).put("z", round(part.sizeZ() * mm));
                read.put("area_mm2", round(part.area() * mm * mm)).put("volume_mm3", round(part.volume() * mm * mm * mm)).put("closed", part.closed())
                        .put("open_edges", part.openEdges()).put("non_manifold_edges", part.nonManifoldEdges()).put("flipped_edges", part.flippedEdges());
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(read));
                return 0;
            }
            out.println(file.getFileName() + ": " + part.triangles() + " triangles, " + part.parts() + (part.parts() == 1 ? " part" : " parts"));
            out.println(String.format(Locale.ROOT, "Size: %.2f × %.2f × %.2f mm", part.sizeX() * mm, part.sizeY() * mm, part.sizeZ() * mm));
            out.println(String.format(Locale.ROOT, "Area: %.1f mm²", part.area() * mm * mm));
            out.println(part.closed() ? String.format(Locale.ROOT, "Volume: %.1f mm³ (a closed solid)", part.volume() * mm * mm * mm)
                    : String.format(Locale.ROOT, "Volume: about %.1f mm³, not to be trusted: %d open, %d non-manifold and %d flipped edges. "
                    + "Repair the mesh before printing.", part.volume() * mm * mm * mm, part.openEdges(), part.nonManifoldEdges(), part.flippedEdges()));
            return 0;
        }

        /** To a thousandth of a millimetre (or mm², mm³): float meshes carry no more, and JSON readers need no 3999.9999999999995. */
        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
