package jarvis.cad.mesh;

import java.util.Arrays;

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

    /**
     * Analyses a mesh on two cores: one finds the edges around the first half of the vertices and counts the parts,
     * the other the edges around the rest and measures the box, area and volume.
     */
    public static MeshAnalysis of(Mesh mesh) {
        int[] t = mesh.triangles();
        int middle = mesh.vertexCount() / 2;
        InTwo.Both<int[], Measures> both = InTwo.both(mesh.triangleCount(), () -> {
            int[] edges = edges(t, 0, middle);
            return new int[] {edges[0], edges[1], edges[2], parts(mesh)};
        }, () -> new Measures(mesh).edges(edges(t, middle, mesh.vertexCount())));
        int[] first = both.here();
        Measures m = both.meanwhile();
        return new MeshAnalysis(m.minX, m.minY, m.minZ, m.maxX, m.maxY, m.maxZ, m.area, Math.abs(m.volume), t.length / 3, first[3],
                first[0] + m.edges[0], first[1] + m.edges[1], first[2] + m.edges[2]);
    }

    /** A mesh's box, area and signed volume, and the edges found meanwhile. */
    private static final class Measures {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        double area;
        double volume;
        int[] edges;

        Measures(Mesh mesh) {
            float[] v = mesh.vertices();
            int[] t = mesh.triangles();
            // Only vertices that a triangle uses count toward the box.
            boolean[] used = new boolean[mesh.vertexCount()];
            for (int i = 0; i < t.length; i += 3) {
                int a = 3 * t[i];
                int b = 3 * t[i + 1];
                int c = 3 * t[i + 2];
                used[t[i]] = true;
                used[t[i + 1]] = true;
                used[t[i + 2]] = true;
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
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    minX = Math.min(minX, v[3 * i]);
                    minY = Math.min(minY, v[3 * i + 1]);
                    minZ = Math.min(minZ, v[3 * i + 2]);
                    maxX = Math.max(maxX, v[3 * i]);
                    maxY = Math.max(maxY, v[3 * i + 1]);
                    maxZ = Math.max(maxZ, v[3 * i + 2]);
                }
            }
        }

        Measures edges(int[] edges) {
            this.edges = edges;
            return this;
        }
    }

    /**
     * Open, non-manifold and flipped edges. Every triangle's three directed edges are bucketed by their smaller end (a
     * counting sort, linear), and each small bucket is sorted by the larger end and the direction: no sort of the whole,
     * and no object per edge.
     */
    private static int[] edges(int[] t, int first, int last) {
        // Only the edges whose smaller end is in [first, last): the other core takes the rest.
        int[] start = new int[last - first + 1];
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int low = Math.min(t[i + k], t[i + (k + 1) % 3]);
                if (low >= first && low < last) {
                    start[low - first + 1]++;
                }
            }
        }
        for (int v = 0; v < last - first; v++) {
            start[v + 1] += start[v];
        }
        // Each entry: the larger end, shifted, and 1 when the triangle runs from the larger end to the smaller. An index
        // fits in 30 bits: a float array cannot hold 2^30 vertices.
        int[] ends = new int[start[last - first]];
        int[] fill = Arrays.copyOf(start, last - first);
        for (int i = 0; i < t.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int from = t[i + k];
                int to = t[i + (k + 1) % 3];
                int low = Math.min(from, to);
                if (low >= first && low < last) {
                    ends[fill[low - first]++] = Math.max(from, to) << 1 | (from < to ? 0 : 1);
                }
            }
        }
        int open = 0;
        int nonManifold = 0;
        int flipped = 0;
        for (int v = 0; v < last - first; v++) {
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
    private static void sortSmall(int[] values, int from, int to) {
        if (to - from > 32) {
            Arrays.sort(values, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int value = values[i];
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
        // The root kept is the earlier vertex: a file's triangles come in order, so trees stay shallow.
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }
}
