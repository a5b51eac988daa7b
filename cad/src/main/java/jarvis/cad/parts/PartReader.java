package jarvis.cad.parts;

import jarvis.cad.external.StepConverter;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.MeshFiles;
import jarvis.cad.mesh.StepHeader;
import jarvis.orchestrator.commands.CommandException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads any part file Jarvis takes: a mesh (STL, 3MF, OBJ) directly, with its analysis; a STEP file's header directly
 * and its geometry through the converter. A STEP whose geometry cannot be converted (no converter installed, or one
 * that fails) is still read as far as it goes: its header, and a note saying why there is no mesh and what to do.
 */
public final class PartReader {

    /** A part as read: its mesh and analysis when there is geometry, a STEP file's header, and why anything is missing. */
    public record Read(Path file, Optional<Mesh> mesh, Optional<MeshAnalysis> analysis, Optional<StepHeader> step, Optional<String> note) {}

    private final StepConverter converter;

    public PartReader(StepConverter converter) {
        this.converter = converter;
    }

    /** Whether Jarvis reads this kind of file. */
    public static boolean readable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Stream.of(".stl", ".3mf", ".obj", ".step", ".stp").anyMatch(name::endsWith);
    }

    private static boolean step(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".step") || name.endsWith(".stp");
    }

    /**
     * Reads {@code file}; a STEP file's conversion reports the converter's lines to {@code progress} and stops when
     * {@code cancelled} says so.
     */
    public Read read(Path file, Consumer<String> progress, BooleanSupplier cancelled) throws MeshException {
        if (!step(file)) {
            Mesh mesh = MeshFiles.read(file);
            return new Read(file, Optional.of(mesh), Optional.of(MeshAnalysis.of(mesh)), Optional.empty(), Optional.empty());
        }
        StepHeader header = StepHeader.read(file);
        try (Scratch scratch = Scratch.create("jarvis-step")) {
            Mesh mesh = converter.convert(file, scratch.folder(), progress, cancelled);
            return new Read(file, Optional.of(mesh), Optional.of(MeshAnalysis.of(mesh)), Optional.of(header), Optional.empty());
        } catch (CommandException | MeshException e) {
            // A converter missing or failing, or one that wrote an empty or broken STL (a STEP of surfaces only): the header stays.
            return new Read(file, Optional.empty(), Optional.empty(), Optional.of(header), Optional.of("Its geometry could not be read: "
                    + e.getMessage()));
        } catch (IOException e) {
            throw new MeshException("Could not make a scratch folder to convert " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
