package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * Builds a mesh from triangles given by their corners, welding corners at the same point into one vertex (STL repeats
 * each vertex in every triangle that uses it; the edges between triangles are only found once they share vertices).
 * Primitive arrays and a {@link VertexTable}: no object per vertex or triangle.
 */
final class MeshBuilder {

    private int[] triangles = new int[3 * 1024];
    private int triangleCount;
    private final VertexTable table = new VertexTable(512);

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
        return table.vertex(xb, yb, zb, VertexTable.hash(xb, yb, zb));
    }

    int triangleCount() {
        return triangleCount;
    }

    Mesh build(Mesh.Units units) {
        return new Mesh(table.vertices(), Arrays.copyOf(triangles, 3 * triangleCount), units);
    }
}
