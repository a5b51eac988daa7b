package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * Builds a mesh from triangles given by their corners, welding corners at the same point into one vertex (STL repeats
 * each vertex in every triangle that uses it; the edges between triangles are only found once they share vertices).
 * Primitive arrays and an open-addressing table keyed by the coordinates' bits: no object per vertex or triangle.
 */
final class MeshBuilder {

    private float[] vertices;
    private int vertexCount;
    private int[] triangles;
    private int triangleCount;
    private int[] table;
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
        table = new int[Integer.highestOneBit(Math.max(4096, triangleRoom)) * 2];
        mask = table.length - 1;
        Arrays.fill(table, -1);
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
        int xb = Float.floatToIntBits(x + 0.0f);
        int yb = Float.floatToIntBits(y + 0.0f);
        int zb = Float.floatToIntBits(z + 0.0f);
        int slot = hash(xb, yb, zb) & mask;
        while (table[slot] >= 0) {
            int known = table[slot];
            if (Float.floatToIntBits(vertices[3 * known]) == xb && Float.floatToIntBits(vertices[3 * known + 1]) == yb
                    && Float.floatToIntBits(vertices[3 * known + 2]) == zb) {
                return known;
            }
            slot = (slot + 1) & mask;
        }
        if (3 * vertexCount + 3 > vertices.length) {
            vertices = Arrays.copyOf(vertices, vertices.length * 2);
        }
        vertices[3 * vertexCount] = x + 0.0f;
        vertices[3 * vertexCount + 1] = y + 0.0f;
        vertices[3 * vertexCount + 2] = z + 0.0f;
        table[slot] = vertexCount;
        vertexCount++;
        if (vertexCount * 2 > table.length) {
            grow();
        }
        return vertexCount - 1;
    }

    private static int hash(int x, int y, int z) {
        int h = x * 0x9E3779B1 ^ Integer.rotateLeft(y * 0x85EBCA77, 11) ^ Integer.rotateLeft(z * 0xC2B2AE3D, 22);
        return h ^ (h >>> 16);
    }

    private void grow() {
        table = new int[table.length * 2];
        Arrays.fill(table, -1);
        mask = table.length - 1;
        for (int vertex = 0; vertex < vertexCount; vertex++) {
            int slot = hash(Float.floatToIntBits(vertices[3 * vertex]), Float.floatToIntBits(vertices[3 * vertex + 1]),
                    Float.floatToIntBits(vertices[3 * vertex + 2])) & mask;
            while (table[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = vertex;
        }
    }

    int triangleCount() {
        return triangleCount;
    }

    Mesh build(Mesh.Units units) {
        return new Mesh(Arrays.copyOf(vertices, 3 * vertexCount), Arrays.copyOf(triangles, 3 * triangleCount), units);
    }
}
