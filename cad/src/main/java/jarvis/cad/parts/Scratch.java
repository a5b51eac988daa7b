package jarvis.cad.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one piece of work (a part copied out, a conversion, a render), gone with all in it once closed. */
public final class Scratch implements AutoCloseable {

    private final Path folder;

    private Scratch(Path folder) {
        this.folder = folder;
    }

    /** A new, empty folder in the system's temporary folder, its name beginning with {@code prefix}. */
    public static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temporary folder does no harm; the system clears it.
        }
    }
}
