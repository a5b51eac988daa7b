package jarvis.cad.external;

import jarvis.orchestrator.commands.CommandException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * PrusaSlicer and OrcaSlicer read STL files with admesh, which takes a binary STL for text when none of the 128 bytes
 * after its header is above 127, and then fails to load it ("Loading of a model file failed"): it happens to boxes
 * with zero normals and small positive coordinates. Such a file is handed to the slicer as a copy whose first facet's
 * attribute bytes, which nothing reads, are set to 0xFFFF; every other file as it is.
 */
final class AdmeshCopy {

    /** Slicing work given the file to hand the slicer. */
    @FunctionalInterface
    interface Work<T> {
        T run(Path readable) throws CommandException;
    }

    private AdmeshCopy() {}

    /** Runs {@code work} with {@code part}, or with a copy admesh reads in {@code folder}, gone afterwards. */
    static <T> T slicing(Path part, Path folder, Work<T> work) throws CommandException {
        Path readable = readable(part, folder);
        try {
            return work.run(readable);
        } finally {
            if (!readable.equals(part)) {
                try {
                    Files.deleteIfExists(readable);
                } catch (IOException e) {
                    // A scratch copy beside the G-code does no harm.
                }
            }
        }
    }

    private static Path readable(Path part, Path folder) throws CommandException {
        if (!part.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".stl")) {
            return part;
        }
        try {
            byte[] bytes = Files.readAllBytes(part);
            boolean binary = bytes.length >= 84 + 50 && bytes.length == 84 + 50 * (long) Integer.toUnsignedLong(
                    ByteBuffer.wrap(bytes, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (!binary) {
                return part;
            }
            for (int i = 80; i < Math.min(bytes.length, 80 + 128); i++) {
                if ((bytes[i] & 0xff) > 127) {
                    return part;
                }
            }
            bytes[84 + 48] = (byte) 0xff;
            bytes[84 + 49] = (byte) 0xff;
            return Files.write(folder.resolve(".jarvis-" + part.getFileName()), bytes);
        } catch (IOException e) {
            throw new CommandException("Could not read " + part.getFileName() + " to slice it: " + e.getMessage(), e);
        }
    }
}
