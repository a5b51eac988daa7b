package jarvis.cad.mesh;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A binary STL's facets welded into a mesh, read straight from the file's bytes: 84 bytes of header and count, then
 * 50 bytes a facet (a normal, not trusted, three corners, two attribute bytes). A large file is welded in two halves on
 * two cores, each with a {@link VertexTable} of its own; the second half's vertices are then joined to the first's and
 * its triangles renumbered. Within a half, facets go in batches: the table slots of the corners the recent cache does
 * not know are fetched from memory together, then every corner is looked up one by one.
 */
final class BinaryStl {

    static final int HEADER = 80;
    static final int FACET = 50;
    private static final long FIRST_CORNER = HEADER + 4 + 12;
    /** Facets a batch: enough corners that the recent cache misses among them keep memory busy. */
    private static final int BATCH = 128;
    private static final ValueLayout.OfInt BITS = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BinaryStl() {}

    /** Welds {@code count} facets (fewer than a third of the largest array, as the reader checked). */
    static Mesh weld(MemorySegment file, int count, String name) throws MeshException {
        if (count == 0) {
            throw new MeshException(name + " is an STL with no triangles: there is no part in it.");
        }
        int[] triangles = new int[3 * count];
        if (count < 2 * InTwo.WORTH_A_THREAD) {
            Half whole = new Half(file, 0, count, triangles);
            whole.run();
            whole.failIfDamaged(name);
            return new Mesh(whole.table.vertices(), triangles, Mesh.Units.MILLIMETRE);
        }
        Half first = new Half(file, 0, count / 2, triangles);
        Half second = new Half(file, count / 2, count, triangles);
        InTwo.run(count, first::run, second::run);
        first.failIfDamaged(name);
        second.failIfDamaged(name);
        return join(first, second, triangles);
    }

    /**
     * The second half's vertices looked up among the first's (on two cores: the first's table is only read), those not
     * there added after them, and the second half's triangles renumbered to match.
     */
    private static Mesh join(Half first, Half second, int[] triangles) {
        float[] seconds = second.table.coordinates();
        int secondCount = second.table.size();
        int[] renumber = new int[secondCount];
        int middle = secondCount / 2;
        InTwo.run(second.to - second.from, () -> first.find(seconds, 0, middle, renumber),
                () -> first.find(seconds, middle, secondCount, renumber));
        int total = first.table.size();
        for (int found : renumber) {
            total += found < 0 ? 1 : 0;
        }
        float[] vertices = Arrays.copyOf(first.table.coordinates(), 3 * total);
        int next = first.table.size();
        for (int v = 0; v < renumber.length; v++) {
            if (renumber[v] < 0) {
                System.arraycopy(seconds, 3 * v, vertices, 3 * next, 3);
                renumber[v] = next++;
            }
        }
        int from = 3 * second.from;
        int half = from + (triangles.length - from) / 2;
        InTwo.run(second.to - second.from, () -> renumber(triangles, from, half, renumber),
                () -> renumber(triangles, half, triangles.length, renumber));
        return new Mesh(vertices, triangles, Mesh.Units.MILLIMETRE);
    }

    private static void renumber(int[] triangles, int from, int to, int[] renumber) {
        for (int at = from; at < to; at++) {
            triangles[at] = renumber[triangles[at]];
        }
    }

    /** A run of facets welded by one core into its own vertices; their triangles written into the shared array. */
    private static final class Half {
        private final MemorySegment file;
        private final int from;
        private final int to;
        private final int[] triangles;
        final VertexTable table;
        /** The first facet (counting from 0) with a corner that is not a number, or -1. */
        private int damaged = -1;
        /** What the batches' early reads of the table added up to: kept so they are not dropped as useless. */
        private long touched;

        Half(MemorySegment file, int from, int to, int[] triangles) {
            this.file = file;
            this.from = from;
            this.to = to;
            this.triangles = triangles;
            // A closed mesh has about half as many vertices as triangles.
            table = new VertexTable((to - from) / 2);
        }

        void run() {
            MemorySegment file = this.file;
            VertexTable table = this.table;
            int[] triangles = this.triangles;
            long touched = 0;
            int[] xs = new int[3 * BATCH];
            int[] ys = new int[3 * BATCH];
            int[] zs = new int[3 * BATCH];
            int[] hashes = new int[3 * BATCH];
            int[] unknown = new int[3 * BATCH];
            for (int start = from; start < to; start += BATCH) {
                int corners = 3 * (Math.min(to, start + BATCH) - start);
                boolean notNumber = false;
                for (int corner = 0; corner < corners; corner++) {
                    long at = FIRST_CORNER + (long) FACET * (start + corner / 3) + 12L * (corner % 3);
                    int x = coordinate(file, at);
                    int y = coordinate(file, at + 4);
                    int z = coordinate(file, at + 8);
                    notNumber |= (x & 0x7f800000) == 0x7f800000 | (y & 0x7f800000) == 0x7f800000 | (z & 0x7f800000) == 0x7f800000;
                    xs[corner] = x;
                    ys[corner] = y;
                    zs[corner] = z;
                    hashes[corner] = VertexTable.hash(x, y, z);
                }
                if (notNumber) {
                    damaged = firstDamaged(start, start + corners / 3);
                    break;
                }
                // The corners the recent cache does not know, listed without a branch (a mispredicted one would cancel the
                // reads after it); then their table slots read in a loop of nothing else, so the reads overlap.
                int misses = 0;
                for (int corner = 0; corner < corners; corner++) {
                    unknown[misses] = corner;
                    misses += table.recentlyMet(xs[corner], ys[corner], zs[corner], hashes[corner]) ? 0 : 1;
                }
                for (int miss = 0; miss < misses; miss++) {
                    touched += table.touch(hashes[unknown[miss]]);
                }
                for (int corner = 0; corner < corners; corner++) {
                    triangles[3 * start + corner] = table.vertex(xs[corner], ys[corner], zs[corner], hashes[corner]);
                }
            }
            sink(touched);
        }

        /**
         * For each of these vertices (x, y, z after one another), the index of the vertex at the same point among this
         * half's, or -1; only reads this half's table, so two threads may look up at once.
         */
        void find(float[] points, int from, int to, int[] found) {
            int[] hashes = new int[BATCH];
            long touched = 0;
            for (int start = from; start < to; start += BATCH) {
                int end = Math.min(to, start + BATCH);
                for (int v = start; v < end; v++) {
                    hashes[v - start] = VertexTable.hash(Float.floatToRawIntBits(points[3 * v]), Float.floatToRawIntBits(points[3 * v + 1]),
                            Float.floatToRawIntBits(points[3 * v + 2]));
                }
                for (int v = start; v < end; v++) {
                    touched += table.touch(hashes[v - start]);
                }
                for (int v = start; v < end; v++) {
                    found[v] = table.find(Float.floatToRawIntBits(points[3 * v]), Float.floatToRawIntBits(points[3 * v + 1]),
                            Float.floatToRawIntBits(points[3 * v + 2]), hashes[v - start]);
                }
            }
            sink(touched);
        }

        /** A coordinate's bits, -0 taken as 0 (the same point). */
        private static int coordinate(MemorySegment file, long at) {
            int bits = file.get(BITS, at);
            return bits == 0x80000000 ? 0 : bits;
        }

        /** The first facet in this batch with a corner that is infinite or not a number. */
        private int firstDamaged(int start, int end) {
            for (int facet = start; facet < end; facet++) {
                long at = FIRST_CORNER + (long) FACET * facet;
                for (int i = 0; i < 9; i++) {
                    if ((file.get(BITS, at + 4 * i) & 0x7f800000) == 0x7f800000) {
                        return facet;
                    }
                }
            }
            throw new IllegalStateException("no damaged facet between " + start + " and " + end);
        }

        private synchronized void sink(long touched) {
            this.touched += touched;
        }

        void failIfDamaged(String name) throws MeshException {
            if (damaged >= 0) {
                throw new MeshException(name + " has a triangle (number " + (damaged + 1) + ") with a corner that is not a number: the file is "
                        + "damaged.");
            }
        }
    }
}
