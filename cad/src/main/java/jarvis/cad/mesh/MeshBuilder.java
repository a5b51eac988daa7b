package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * Builds a mesh from triangles given by their corners, welding corners at the same point into one vertex (STL repeats
 * each vertex in every triangle that uses it; the edges between triangles are only found once they share vertices).
 * Primitive arrays and an open-addressing table keyed by the coordinates' bits: no object per vertex or triangle. Each
 * slot holds the whole key beside the vertex's index, so a look-up touches one place in memory, not the table and then
 * the vertex array.
 */
final class MeshBuilder {

    private float[] vertices;
    private int vertexCount;
    private int[] triangles;
    private int triangleCount;
    /** Two longs a slot: x's and y's bits; then z's bits and the vertex's index + 1 (0 for an empty slot). */
    private long[] table;
    private int mask;

    MeshBuilder() {
        this(1024);
    }

    /**
     * Sized for {@code expected} triangles, when the file says how many (a binary STL): a closed mesh has about half as
     * many vertices as triangles, so nothing grows on the way.
     */
    MeshBuilder(int expected) {
        int triangleRoom = Math.max(16, expected);
        vertices = new float[3 * (triangleRoom / 2 + 16)];
        triangles = new int[3 * triangleRoom];
        int slots = Integer.highestOneBit(Math.max(4096, triangleRoom)) * 2;
        table = new long[2 * slots];
        mask = slots - 1;
    }

    void triangle(float ax, float ay, float az, float bx, float by, float bz, float cx, float cy, float cz) {
        int a = vertex(ax, ay, az);
        int b = vertex(bx, by, bz);
        int c = vertex(cx, cy, cz);
        if (3 * triangleCount + 3 > triangles.length) {
            triangles = Arrays.copyOf(triangles, triangles.length * 2);
        }
        triangles[3 * triangleCount] = a;
        triangles[3 * triangleCount + 1] = b;
        triangles[3 * triangleCount + 2] = c;
        triangleCount++;
    }

    /** The index of the vertex at this point, added when new. -0.0 is welded with 0.0. */
    private int vertex(float x, float y, float z) {
        x += 0.0f;
        y += 0.0f;
        z += 0.0f;
        int xb = Float.floatToRawIntBits(x);
        int yb = Float.floatToRawIntBits(y);
        int zb = Float.floatToRawIntBits(z);
        long xy = (long) xb << 32 | yb & 0xffffffffL;
        int slot = hash(xb, yb, zb) & mask;
        while (true) {
            long zi = table[2 * slot + 1];
            if (zi == 0) {
                break;
            }
            if (table[2 * slot] == xy && (int) (zi >>> 32) == zb) {
                return (int) zi - 1;
            }
            slot = (slot + 1) & mask;
        }
        if (3 * vertexCount + 3 > vertices.length) {
            vertices = Arrays.copyOf(vertices, vertices.length * 2);
        }
        vertices[3 * vertexCount] = x;
        vertices[3 * vertexCount + 1] = y;
        vertices[3 * vertexCount + 2] = z;
        table[2 * slot] = xy;
        table[2 * slot + 1] = (long) zb << 32 | (vertexCount + 1);
        vertexCount++;
        if (vertexCount * 2 > mask + 1) {
            grow();
        }
        return vertexCount - 1;
    }

    private static int hash(int x, int y, int z) {
        int h = x * 0x9E3779B1 ^ Integer.rotateLeft(y * 0x85EBCA77, 11) ^ Integer.rotateLeft(z * 0xC2B2AE3D, 22);
        return h ^ (h >>> 16);
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length / 2 - 1;
        for (int at = 0; at < old.length; at += 2) {
            long zi = old[at + 1];
            if (zi == 0) {
                continue;
            }
            int slot = hash((int) (old[at] >>> 32), (int) old[at], (int) (zi >>> 32)) & mask;
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = old[at];
            table[2 * slot + 1] = zi;
        }
    }

    int triangleCount() {
        return triangleCount;
    }

    Mesh build(Mesh.Units units) {
        // A binary STL's triangles were sized exactly: kept as they are, not copied.
        return new Mesh(Arrays.copyOf(vertices, 3 * vertexCount),
                triangles.length == 3 * triangleCount ? triangles : Arrays.copyOf(triangles, 3 * triangleCount), units);
    }
}
