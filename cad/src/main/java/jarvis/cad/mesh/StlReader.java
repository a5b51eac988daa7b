package jarvis.cad.mesh;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads STL, binary or ASCII. A file is binary when its size is exactly 84 + 50 × the triangle count in its header,
 * even when its 80-byte header begins with "solid" (many exporters write that); otherwise it must be ASCII, read
 * token by token: CRLF or LF, numbers with exponents, several solids one after another. The facet normals are not
 * trusted: winding gives the outside.
 */
public final class StlReader {

    private static final int HEADER = BinaryStl.HEADER;
    private static final int FACET = BinaryStl.FACET;
    private static final ValueLayout.OfInt COUNT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private StlReader() {}

    /**
     * Reads an STL file. One too large for an array (over 2 GB) is mapped into memory instead of copied: slower to
     * begin with, as each page is faulted in, but no limit on size.
     */
    public static Mesh read(Path file) throws MeshException {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw MeshFiles.unreadable(file, e);
        }
        if (size < Integer.MAX_VALUE - 8) {
            return read(MeshFiles.bytes(file), name);
        }
        try (Arena arena = Arena.ofShared(); FileChannel channel = FileChannel.open(file)) {
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena), name);
        } catch (IOException e) {
            throw MeshFiles.unreadable(file, e);
        } catch (InternalError e) {
            // What the JVM throws when a mapped file shrinks under it.
            throw new MeshException(name + " changed while it was being read; read it again once it is written.", e);
        }
    }

    /** Reads an STL held in memory; {@code name} is for messages. */
    public static Mesh read(byte[] bytes, String name) throws MeshException {
        return read(MemorySegment.ofArray(bytes), name);
    }

    private static Mesh read(MemorySegment bytes, String name) throws MeshException {
        long size = bytes.byteSize();
        if (size == 0) {
            throw new MeshException(name + " is empty: there is no part in it.");
        }
        long count = size >= HEADER + 4 ? Integer.toUnsignedLong(bytes.get(COUNT, HEADER)) : -1;
        if (count >= 0 && size == HEADER + 4 + FACET * count) {
            if (3 * count > Integer.MAX_VALUE - 8) {
                throw new MeshException(name + " has " + count + " triangles, more than Jarvis can hold in one mesh; split it into parts.");
            }
            return BinaryStl.weld(bytes, (int) count, name);
        }
        if (!startsWithSolid(bytes)) {
            if (count >= 0) {
                long expected = HEADER + 4 + FACET * count;
                throw new MeshException(name + " is not a whole STL: as binary it announces " + count + " triangles (" + expected
                        + " bytes) but has " + size + " bytes" + (size < expected ? "; it was cut short." : "."));
            }
            throw new MeshException(name + " is not an STL file: it is neither binary STL nor text beginning with \"solid\".");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new MeshException(name + " is a text STL of " + size / 1_000_000 + " MB, more than Jarvis reads as text; save it as binary STL.");
        }
        return ascii(bytes.toArray(ValueLayout.JAVA_BYTE), name);
    }

    private static boolean startsWithSolid(MemorySegment bytes) {
        long at = 0;
        long size = bytes.byteSize();
        while (at < size && Character.isWhitespace(bytes.get(ValueLayout.JAVA_BYTE, at))) {
            at++;
        }
        if (size - at < 5) {
            return false;
        }
        byte[] word = bytes.asSlice(at, 5).toArray(ValueLayout.JAVA_BYTE);
        return new String(word, StandardCharsets.US_ASCII).equalsIgnoreCase("solid");
    }

    private static Mesh ascii(byte[] bytes, String name) throws MeshException {
        Tokens tokens = new Tokens(bytes);
        MeshBuilder mesh = new MeshBuilder();
        float[] corner = new float[9];
        int corners = 0;
        int line;
        for (String token; (token = tokens.next()) != null; ) {
            if (token.equalsIgnoreCase("vertex")) {
                line = tokens.line();
                if (corners == 3) {
                    throw new MeshException(name + " has a facet with more than three vertices (line " + line + "): STL facets are triangles.");
                }
                for (int axis = 0; axis < 3; axis++) {
                    String number = tokens.next();
                    try {
                        corner[3 * corners + axis] = Float.parseFloat(number == null ? "" : number);
                    } catch (NumberFormatException e) {
                        throw new MeshException(name + " has a vertex that is not three numbers (line " + line + ": '" + number + "').");
                    }
                    if (!Float.isFinite(corner[3 * corners + axis])) {
                        throw new MeshException(name + " has a vertex that is not a finite number (line " + line + ").");
                    }
                }
                corners++;
            } else if (token.equalsIgnoreCase("endloop")) {
                if (corners != 3) {
                    throw new MeshException(name + " has a facet with " + corners + " vertices (line " + tokens.line() + "): STL facets have three.");
                }
                mesh.triangle(corner[0], corner[1], corner[2], corner[3], corner[4], corner[5], corner[6], corner[7], corner[8]);
                corners = 0;
            }
        }
        if (corners != 0) {
            throw new MeshException(name + " ends in the middle of a facet: it was cut short.");
        }
        if (mesh.triangleCount() == 0) {
            throw new MeshException(name + " is an STL with no facets: there is no part in it.");
        }
        return mesh.build(Mesh.Units.MILLIMETRE);
    }

    /** The words of a text STL, with the line each is on (for messages). */
    private static final class Tokens {
        private final byte[] bytes;
        private int at;
        private int line = 1;

        Tokens(byte[] bytes) {
            this.bytes = bytes;
        }

        String next() {
            while (at < bytes.length && bytes[at] <= ' ') {
                if (bytes[at] == '\n') {
                    line++;
                }
                at++;
            }
            if (at >= bytes.length) {
                return null;
            }
            int start = at;
            while (at < bytes.length && bytes[at] > ' ') {
                at++;
            }
            return new String(bytes, start, at - start, StandardCharsets.US_ASCII);
        }

        int line() {
            return line;
        }
    }
}
