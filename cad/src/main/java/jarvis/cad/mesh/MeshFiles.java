package jarvis.cad.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a part by its file's kind: STL, OBJ or 3MF; anything else is said to be unreadable. */
public final class MeshFiles {

    private MeshFiles() {}

    /** A part file's bytes; a missing or unreadable file said as such. */
    static byte[] bytes(Path file) throws MeshException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** What went wrong opening or reading a part file, said for a person. */
    static MeshException unreadable(Path file, IOException e) {
        return e instanceof NoSuchFileException
                ? new MeshException("There is no file " + file + ".", e)
                : new MeshException("Could not read " + file + ": " + e.getMessage(), e);
    }

    public static Mesh read(Path file) throws MeshException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".stl")) {
            return StlReader.read(file);
        }
        if (name.endsWith(".obj")) {
            return ObjReader.read(file);
        }
        if (name.endsWith(".3mf")) {
            return ThreeMfReader.read(file);
        }
        throw new MeshException(file.getFileName() + " is not a part Jarvis reads: it reads .stl, .obj and .3mf meshes (and STEP through a converter).");
    }
}
