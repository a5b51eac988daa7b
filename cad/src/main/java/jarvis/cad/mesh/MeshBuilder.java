package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * Builds a mesh from triangles given by their corners, welding corners at the same point into one vertex (STL repeats
 * each vertex in every triangle that uses it; the edges between triangles are only found once they share vertices).
 * Primitive arrays and a {@link VertexTable}: no object per vertex or triangle.
 */
final class MeshBuilder {

    private float[] vertices;
    private int vertexCount;
    private int[] triangles;
    private int triangleCount;
    private final VertexTable table;

    MeshBuilder() {
        this(1024);
    }

    /**
     * Sized for {@code expected} triangles, when the file says how many: a closed mesh has about half as many vertices
     * as triangles, so nothing grows on the way.
     */
    MeshBuilder(int expected) {
        int triangleRoom = Math.max(16, expected);
        vertices = new float[3 * (triangleRoom / 2 + 16)];
        triangles = new int[3 * triangleRoom];
        table = new VertexTable(triangleRoom / 2);
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
        int xb = VertexTable.bits(x);
        int yb = VertexTable.bits(y);
        int zb = VertexTable.bits(z);
        int index = table.put(xb, yb, zb, VertexTable.hash(xb, yb, zb), vertexCount);
        if (index < vertexCount) {
            return index;
        }
        if (3 * vertexCount + 3 > vertices.length) {
            vertices = Arrays.copyOf(vertices, vertices.length * 2);
        }
        vertices[3 * vertexCount] = Float.intBitsToFloat(xb);
        vertices[3 * vertexCount + 1] = Float.intBitsToFloat(yb);
        vertices[3 * vertexCount + 2] = Float.intBitsToFloat(zb);
        return vertexCount++;
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
