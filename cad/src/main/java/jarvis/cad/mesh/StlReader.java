package jarvis.cad.mesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads STL, binary or ASCII. A file is binary when its size is exactly 84 + 50 × the triangle count in its header,
 * even when its 80-byte header begins with "solid" (many exporters write that); otherwise it must be ASCII, read
 * token by token: CRLF or LF, numbers with exponents, several solids one after another. The facet normals are not
 * trusted: winding gives the outside.
 */
public final class StlReader {

    private static final int HEADER = 80;
    private static final int FACET = 50;

    private StlReader() {}

    public static Mesh read(Path file) throws MeshException {
        return read(MeshFiles.bytes(file), file.getFileName().toString());
    }

    /** Reads an STL held in memory; {@code name} is for messages. */
    public static Mesh read(byte[] bytes, String name) throws MeshException {
        if (bytes.length == 0) {
            throw new MeshException(name + " is empty: there is no part in it.");
        }
        if (bytes.length >= HEADER + 4) {
            long count = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, HEADER, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (bytes.length == HEADER + 4 + FACET * count) {
                return binary(bytes, (int) count, name);
            }
        }
        if (!startsWithSolid(bytes)) {
            if (bytes.length >= HEADER + 4) {
                long count = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, HEADER, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
                long expected = HEADER + 4 + FACET * count;
                throw new MeshException(name + " is not a whole STL: as binary it announces " + count + " triangles (" + expected
                        + " bytes) but has " + bytes.length + " bytes" + (bytes.length < expected ? "; it was cut short." : "."));
            }
            throw new MeshException(name + " is not an STL file: it is neither binary STL nor text beginning with \"solid\".");
        }
        return ascii(bytes, name);
    }

    private static boolean startsWithSolid(byte[] bytes) {
        int at = 0;
        while (at < bytes.length && Character.isWhitespace(bytes[at])) {
            at++;
        }
        return bytes.length - at >= 5 && new String(bytes, at, 5, StandardCharsets.US_ASCII).equalsIgnoreCase("solid");
    }

    private static Mesh binary(byte[] bytes, int count, String name) throws MeshException {
        if (count == 0) {
            throw new MeshException(name + " is an STL with no triangles: there is no part in it.");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        MeshBuilder mesh = new MeshBuilder(count);
        float[] c = new float[9];
        for (int facet = 0; facet < count; facet++) {
            int at = HEADER + 4 + facet * FACET + 12;
            for (int i = 0; i < 9; i++) {
                c[i] = data.getFloat(at + 4 * i);
                if (!Float.isFinite(c[i])) {
                    throw new MeshException(name + " has a triangle (number " + (facet + 1) + ") with a corner that is not a number: the file is "
                            + "damaged.");
                }
            }
            mesh.triangle(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
        }
        return mesh.build(Mesh.Units.MILLIMETRE);
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
