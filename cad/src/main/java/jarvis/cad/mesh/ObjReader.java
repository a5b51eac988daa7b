package jarvis.cad.mesh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads Wavefront OBJ: {@code v} lines for vertices and {@code f} lines for faces, whose corners may carry texture and
 * normal indices ({@code 3/1/2}) and may count back from the last vertex (negative indices); a face of more than three
 * corners is cut into a fan of triangles. Everything else (normals, materials, groups) is skipped.
 */
public final class ObjReader {

    private ObjReader() {}

    public static Mesh read(Path file) throws MeshException {
        return read(MeshFiles.bytes(file), file.getFileName().toString());
    }

    public static Mesh read(byte[] bytes, String name) throws MeshException {
        float[] vertices = new float[3 * 1024];
        int vertexCount = 0;
        int[] triangles = new int[3 * 1024];
        int triangleCount = 0;
        int[] corners = new int[16];
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.startsWith("v ") || line.startsWith("v\t")) {
                String[] words = line.split("\\s+");
                if (words.length < 4) {
                    throw new MeshException(name + " has a vertex without three coordinates (line " + number + ").");
                }
                if (3 * vertexCount + 3 > vertices.length) {
                    vertices = Arrays.copyOf(vertices, vertices.length * 2);
                }
                for (int axis = 0; axis < 3; axis++) {
                    try {
                        vertices[3 * vertexCount + axis] = Float.parseFloat(words[axis + 1]);
                    } catch (NumberFormatException e) {
                        throw new MeshException(name + " has a vertex coordinate that is not a number (line " + number + ": '" + words[axis + 1]
                                + "').");
                    }
                }
                vertexCount++;
            } else if (line.startsWith("f ") || line.startsWith("f\t")) {
                String[] words = line.split("\\s+");
                int count = words.length - 1;
                if (count < 3) {
                    throw new MeshException(name + " has a face with fewer than three corners (line " + number + ").");
                }
                if (count > corners.length) {
                    corners = new int[count];
                }
                for (int k = 0; k < count; k++) {
                    String index = words[k + 1];
                    int slash = index.indexOf('/');
                    int given;
                    try {
                        given = Integer.parseInt(slash < 0 ? index : index.substring(0, slash));
                    } catch (NumberFormatException e) {
                        throw new MeshException(name + " has a face corner that is not a vertex number (line " + number + ": '" + index + "').");
                    }
                    int vertex = given > 0 ? given - 1 : vertexCount + given;
                    if (given == 0 || vertex < 0 || vertex >= vertexCount) {
                        throw new MeshException(name + " has a face that names vertex " + given + " (line " + number + "), but only " + vertexCount
                                + " are defined before it.");
                    }
                    corners[k] = vertex;
                }
                for (int k = 1; k + 1 < count; k++) {
                    if (3 * triangleCount + 3 > triangles.length) {
                        triangles = Arrays.copyOf(triangles, triangles.length * 2);
                    }
                    triangles[3 * triangleCount] = corners[0];
                    triangles[3 * triangleCount + 1] = corners[k];
                    triangles[3 * triangleCount + 2] = corners[k + 1];
                    triangleCount++;
                }
            }
        }
        if (triangleCount == 0) {
            throw new MeshException(name + (vertexCount == 0 ? " has no vertices and no faces: it is not an OBJ mesh."
                    : " has " + vertexCount + " vertices but no faces: a point cloud, not a part."));
        }
        return new Mesh(Arrays.copyOf(vertices, 3 * vertexCount), Arrays.copyOf(triangles, 3 * triangleCount), Mesh.Units.MILLIMETRE);
    }
}
