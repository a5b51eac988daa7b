package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * A lighter mesh for a preview, by vertex clustering: the part's box is cut into a grid, every vertex in a cell becomes
 * the cell's mean, and triangles that collapse are dropped. The shape holds to within a cell; the analysis is always
 * taken from the full mesh, never from this one.
 */
public final class Decimate {

    private Decimate() {}

    /** The mesh itself when it has at most {@code most} triangles; else a clustered one with about that many or fewer. */
    public static Mesh toAtMost(Mesh mesh, int most) {
        if (mesh.triangleCount() <= most) {
            return mesh;
        }
        MeshAnalysis box = MeshAnalysis.bounds(mesh);
        // A closed surface of n cells across has about 4·n² triangles when clustered: n from the target, then finer
        // or coarser until the result is at most the target.
        int cells = Math.max(4, (int) Math.sqrt(most / 4.0));
        Mesh decimated = cluster(mesh, box, cells);
        while (decimated.triangleCount() > most && cells > 4) {
            cells = cells * 3 / 4;
            decimated = cluster(mesh, box, cells);
        }
        return decimated;
    }

    private static Mesh cluster(Mesh mesh, MeshAnalysis box, int cells) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double size = Math.max(box.sizeX(), Math.max(box.sizeY(), box.sizeZ())) / cells;
        if (size <= 0) {
            return mesh;
        }
        int across = cells + 1;
        int[] cellOf = new int[mesh.vertexCount()];
        // Cells are numbered as they are first met, through an open-addressing table from the grid position.
        long[] keys = new long[Integer.highestOneBit(Math.max(16, mesh.vertexCount())) * 2];
        int[] numbers = new int[keys.length];
        Arrays.fill(keys, -1);
        int mask = keys.length - 1;
        int count = 0;
        double[] sums = new double[3 * 1024];
        int[] members = new int[1024];
        for (int i = 0; i < cellOf.length; i++) {
            long cx = Math.min(cells, (long) ((v[3 * i] - box.minX()) / size));
            long cy = Math.min(cells, (long) ((v[3 * i + 1] - box.minY()) / size));
            long cz = Math.min(cells, (long) ((v[3 * i + 2] - box.minZ()) / size));
            long key = (cx * across + cy) * across + cz;
            int slot = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
            while (keys[slot] != -1 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == -1) {
                keys[slot] = key;
                numbers[slot] = count++;
                if (count > members.length) {
                    members = Arrays.copyOf(members, members.length * 2);
                    sums = Arrays.copyOf(sums, sums.length * 2);
                }
            }
            int cell = numbers[slot];
            cellOf[i] = cell;
            sums[3 * cell] += v[3 * i];
            sums[3 * cell + 1] += v[3 * i + 1];
            sums[3 * cell + 2] += v[3 * i + 2];
            members[cell]++;
        }
        float[] vertices = new float[3 * count];
        for (int cell = 0; cell < count; cell++) {
            for (int axis = 0; axis < 3; axis++) {
                vertices[3 * cell + axis] = (float) (sums[3 * cell + axis] / members[cell]);
            }
        }
        int[] triangles = new int[t.length];
        int kept = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = cellOf[t[i]];
            int b = cellOf[t[i + 1]];
            int c = cellOf[t[i + 2]];
            if (a != b && b != c && a != c) {
                triangles[kept++] = a;
                triangles[kept++] = b;
                triangles[kept++] = c;
            }
        }
        return new Mesh(vertices, Arrays.copyOf(triangles, kept), mesh.units());
    }
}
