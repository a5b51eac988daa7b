package jarvis.cad.mesh;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The numbers that matter for printing a mesh: its bounding box, surface area, volume, triangles, separate parts, and
 * the edges that make it not a closed solid. An edge shared by exactly two triangles running opposite ways is sound;
 * one used once is open (a hole), more than twice is non-manifold, and twice the same way is a flipped triangle. The
 * volume is trustworthy only when every edge is sound.
 */
public record MeshAnalysis(double minX, double minY, double minZ, double maxX, double maxY, double maxZ, double area, double volume,
                           int triangles, int parts, int openEdges, int nonManifoldEdges, int flippedEdges) {

    /** Whether the mesh is a closed, consistently wound solid, so that its volume means something. */
    public boolean closed() {
        return openEdges == 0 && nonManifoldEdges == 0 && flippedEdges == 0;
    }

    public double sizeX() {
        return maxX - minX;
    }

    public double sizeY() {
        return maxY - minY;
    }

    public double sizeZ() {
        return maxZ - minZ;
    }

    /** Only the bounding box (the rest zero): what a preview needs to place and frame the part. */
    public static MeshAnalysis bounds(Mesh mesh) {
        float[] v = mesh.vertices();
        double[] low = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] high = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < v.length; i += 3) {
            for (int axis = 0; axis < 3; axis++) {
                low[axis] = Math.min(low[axis], v[i + axis]);
                high[axis] = Math.max(high[axis], v[i + axis]);
            }
        }
        return new MeshAnalysis(low[0], low[1], low[2], high[0], high[1], high[2], 0, 0, mesh.triangleCount(), 0, 0, 0, 0);
    }

    /** Analyses a mesh; its separate parts are counted on another core meanwhile. */
    public static MeshAnalysis of(Mesh mesh) {
        CompletableFuture<Integer> parts = CompletableFuture.supplyAsync(() -> parts(mesh));
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        // Only vertices that a triangle uses count toward the box.
        for (int index : t) {
            double x = v[3 * index];
            double y = v[3 * index + 1];
            double z = v[3 * index + 2];
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            minZ = Math.min(minZ, z);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
            maxZ = Math.max(maxZ, z);
        }
        double area = 0;
        double volume = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            double abx = v[b] - v[a];
            double aby = v[b + 1] - v[a + 1];
            double abz = v[b + 2] - v[a + 2];
            double acx = v[c] - v[a];
            double acy = v[c + 1] - v[a + 1];
            double acz = v[c + 2] - v[a + 2];
            double nx = aby * acz - abz * acy;
            double ny = abz * acx - abx * acz;
            double nz = abx * acy - aby * acx;
            area += Math.sqrt(nx * nx + ny * ny + nz * nz) / 2;
            // The signed volume of the tetrahedron from the origin: summed over a closed surface, the solid's volume.
            volume += (v[a] * ((double) v[b + 1] * v[c + 2] - (double) v[b + 2] * v[c + 1])
                    - v[a + 1] * ((double) v[b] * v[c + 2] - (double) v[b + 2] * v[c])
                    + v[a + 2] * ((double) v[b] * v[c + 1] - (double) v[b + 1] * v[c])) / 6;
        }
        int[] edges = edges(t, mesh.vertexCount());
        return new MeshAnalysis(minX, minY, minZ, maxX, maxY, maxZ, area, Math.abs(volume), t.length / 3, parts.join(), edges[0], edges[1], edges[2]);
    }

    /**
     * Open, non-manifold and flipped edges. Every triangle's three directed edges are bucketed by their smaller end (a
     * counting sort, linear), and each small bucket is sorted by the larger end and the direction: no sort of the whole,
     * and no object per edge.
     */
    private static int[] edges(int[] t, int vertexCount) {
        int[] start = new int[vertexCount + 1];
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                start[Math.min(t[i + k], t[i + (k + 1) % 3]) + 1]++;
            }
        }
        for (int v = 0; v < vertexCount; v++) {
            start[v + 1] += start[v];
        }
        // Each entry: the larger end, shifted, and 1 when the triangle runs from the larger end to the smaller.
        long[] ends = new long[t.length];
        int[] fill = Arrays.copyOf(start, vertexCount);
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int from = t[i + k];
                int to = t[i + (k + 1) % 3];
                int low = Math.min(from, to);
                ends[fill[low]++] = (long) Math.max(from, to) << 1 | (from < to ? 0 : 1);
            }
        }
        int open = 0;
        int nonManifold = 0;
        int flipped = 0;
        for (int v = 0; v < vertexCount; v++) {
            int from = start[v];
            int to = start[v + 1];
            sortSmall(ends, from, to);
            for (int at = from; at < to; ) {
                int end = at;
                int forward = 0;
                while (end < to && ends[end] >>> 1 == ends[at] >>> 1) {
                    forward += (ends[end] & 1) == 0 ? 1 : 0;
                    end++;
                }
                int uses = end - at;
                if (uses == 1) {
                    open++;
                } else if (uses > 2) {
                    nonManifold++;
                } else if (forward != 1) {
                    flipped++;
                }
                at = end;
            }
        }
        return new int[] {open, nonManifold, flipped};
    }

    /** Insertion sort of a bucket: a vertex has a handful of edges, and a long fan is still cheap. */
    private static void sortSmall(long[] values, int from, int to) {
        if (to - from > 32) {
            Arrays.sort(values, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            long value = values[i];
            int j = i - 1;
            while (j >= from && values[j] > value) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }

    /** Separate pieces: vertices joined through the triangles that share them (union-find over flat arrays). */
    private static int parts(Mesh mesh) {
        int[] parent = new int[mesh.vertexCount()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int[] t = mesh.triangles();
        boolean[] used = new boolean[parent.length];
        for (int i = 0; i < t.length; i += 3) {
            union(parent, t[i], t[i + 1]);
            union(parent, t[i], t[i + 2]);
            used[t[i]] = true;
            used[t[i + 1]] = true;
            used[t[i + 2]] = true;
        }
        int parts = 0;
        for (int i = 0; i < parent.length; i++) {
            if (used[i] && find(parent, i) == i) {
                parts++;
            }
        }
        return parts;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }
}
