package jarvis.cad.mesh;

import java.util.Arrays;

/**
 * The vertices of a mesh being read, each point kept once and found again by the bits of its coordinates: the table
 * that welds a mesh's corners into shared vertices. Open addressing over one flat array, each slot holding the whole key beside the vertex's index, so
 * a look-up touches one place in memory and not the table and then the vertices.
 *
 * <p>Two things keep it off main memory, which is what welding a large mesh waits for. A small cache of recently met
 * vertices answers most look-ups (a file's triangles come in order over the surface, so a corner was usually met a
 * few triangles before). And {@link #touch} lets a reader ask for a batch of slots ahead, so the processor fetches them
 * together rather than one after another.
 */
final class VertexTable {

    private static final int RECENT_BITS = 14;

    /** Two longs a slot: x's and y's bits; then z's bits and the vertex's index + 1 (0 for an empty slot). */
    private long[] table;
    private int mask;
    private int size;
    private float[] vertices;
    /** The same two longs for the vertex last met under each value of the hash's high bits. */
    private final long[] recent = new long[2 << RECENT_BITS];

    /** A table sized for about {@code expected} vertices, so that nothing grows on the way. */
    VertexTable(int expected) {
        int slots = Integer.highestOneBit(Math.max(2048, expected)) * 4;
        table = new long[2 * slots];
        mask = slots - 1;
        vertices = new float[3 * (expected + 16)];
    }

    /**
     * The hash of a point's bits: its high bits pick the recent cache's entry, its low bits the table's slot. Every
     * bit of every coordinate reaches every bit of the hash: CAD coordinates such as 12.5 mm
     * have all their low mantissa bits zero, and a weaker mix clusters them into a few runs of slots (120 probes a
     * look-up on a 0.5 mm grid).
     */
    static int hash(int x, int y, int z) {
        long k = ((long) x << 32 | y & 0xffffffffL) * 0x9E3779B97F4A7C15L ^ (z & 0xffffffffL) * 0xC2B2AE3D27D4EB4FL;
        // The product's high half depends on every bit below it: fold it down, multiply again, keep the high half.
        return (int) ((k ^ k >>> 32) * 0xBF58476D1CE4E5B9L >>> 32);
    }

    /** A coordinate's bits, with -0 taken as 0 (the same point). */
    static int bits(float coordinate) {
        return Float.floatToRawIntBits(coordinate + 0.0f);
    }

    private int slot(int hash) {
        return hash & mask;
    }

    private static int recentEntry(int hash) {
        return hash >>> (32 - RECENT_BITS);
    }

    /** Whether the recent cache holds this point: computed without a branch. */
    boolean recentlyMet(int x, int y, int z, int hash) {
        int r = recentEntry(hash);
        return recent[2 * r] == ((long) x << 32 | y & 0xffffffffL) & (int) (recent[2 * r + 1] >>> 32) == z;
    }

    /**
     * Reads the slot a point would be looked up in: called for a batch of points before {@link #vertex} is, so their
     * slots are fetched from memory at once. Returns what it read, to be summed and kept somewhere, so that the reading
     * is not left out as useless.
     */
    long touch(int hash) {
        return table[2 * slot(hash) + 1];
    }

    /** The index of the vertex at this point (coordinates' bits), added after the others when it is new. */
    int vertex(int x, int y, int z, int hash) {
        long xy = (long) x << 32 | y & 0xffffffffL;
        int r = recentEntry(hash);
        long known = recent[2 * r + 1];
        if (known != 0 && recent[2 * r] == xy && (int) (known >>> 32) == z) {
            return (int) known - 1;
        }
        int index = findOrAdd(xy, z, hash);
        recent[2 * r] = xy;
        recent[2 * r + 1] = (long) z << 32 | (index + 1);
        return index;
    }

    /** The index of the vertex at this point, or -1; changes nothing, so several threads may look up at once. */
    int find(int x, int y, int z, int hash) {
        long xy = (long) x << 32 | y & 0xffffffffL;
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            long zi = table[2 * slot + 1];
            if (zi == 0) {
                return -1;
            }
            if (table[2 * slot] == xy && (int) (zi >>> 32) == z) {
                return (int) zi - 1;
            }
        }
    }

    private int findOrAdd(long xy, int z, int hash) {
        int slot = slot(hash);
        while (true) {
            long zi = table[2 * slot + 1];
            if (zi == 0) {
                break;
            }
            if (table[2 * slot] == xy && (int) (zi >>> 32) == z) {
                return (int) zi - 1;
            }
            slot = (slot + 1) & mask;
        }
        int index = size++;
        table[2 * slot] = xy;
        table[2 * slot + 1] = (long) z << 32 | (index + 1);
        if (3 * size > vertices.length) {
            vertices = Arrays.copyOf(vertices, vertices.length * 2);
        }
        vertices[3 * index] = Float.intBitsToFloat((int) (xy >>> 32));
        vertices[3 * index + 1] = Float.intBitsToFloat((int) xy);
        vertices[3 * index + 2] = Float.intBitsToFloat(z);
        if (size * 2 > mask + 1) {
            grow();
        }
        return index;
    }

    /** The vertices' x, y and z one after another, in the order they were added. */
    float[] vertices() {
        return Arrays.copyOf(vertices, 3 * size);
    }

    /** How many vertices there are. */
    int size() {
        return size;
    }

    /** The same, not copied: valid up to {@code 3 × size()}, and only until the next vertex is added. */
    float[] coordinates() {
        return vertices;
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
            int slot = slot(hash((int) (old[at] >>> 32), (int) old[at], (int) (zi >>> 32)));
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = old[at];
            table[2 * slot + 1] = zi;
        }
    }
}
