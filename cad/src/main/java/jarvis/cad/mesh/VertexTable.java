package jarvis.cad.mesh;

/**
 * Finds the vertex already at a point, by the bits of its coordinates: the table that welds a mesh's corners into
 * shared vertices. Open addressing over one flat array, each slot holding the whole key beside the vertex's index, so
 * a look-up touches one place in memory and not the table and then the vertices.
 *
 * <p>Two things keep it off main memory, which is what welding a large mesh waits for. A small cache of recently met
 * vertices answers most look-ups (a file's triangles come in order over the surface, so a corner was usually met a
 * few triangles before). And {@link #touch} lets a reader ask for a batch of slots ahead, so the processor fetches them
 * together rather than one after another.
 */
final class VertexTable {

    private static final int RECENT_BITS = 14;
    private static final int RECENT_MASK = (1 << RECENT_BITS) - 1;

    /** Two longs a slot: x's and y's bits; then z's bits and the vertex's index + 1 (0 for an empty slot). */
    private long[] table;
    private int mask;
    private int size;
    /** The same two longs for the vertex last met under each of the hash's low bits. */
    private final long[] recent = new long[2 << RECENT_BITS];

    /** A table sized for about {@code expected} vertices, so that nothing grows on the way. */
    VertexTable(int expected) {
        int slots = Integer.highestOneBit(Math.max(2048, expected)) * 4;
        table = new long[2 * slots];
        mask = slots - 1;
    }

    /** The hash of a point's bits: its low bits pick the recent cache's entry, the rest the table's slot. */
    static int hash(int x, int y, int z) {
        int h = x * 0x9E3779B1 ^ Integer.rotateLeft(y * 0x85EBCA77, 11) ^ Integer.rotateLeft(z * 0xC2B2AE3D, 22);
        return h ^ (h >>> 16);
    }

    /** A coordinate's bits, with -0 taken as 0 (the same point). */
    static int bits(float coordinate) {
        return Float.floatToRawIntBits(coordinate + 0.0f);
    }

    private int slot(int hash) {
        return Integer.rotateRight(hash, RECENT_BITS) & mask;
    }

    /**
     * Reads the slot a point would be looked up in, unless the recent cache has it: called for a batch of points
     * before {@link #put} is, so their slots are fetched from memory at once. Returns what it read, to be summed and
     * kept somewhere, so that the reading is not left out as useless.
     */
    long touch(int x, int y, int hash) {
        int r = hash & RECENT_MASK;
        boolean known = recent[2 * r] == ((long) x << 32 | y & 0xffffffffL);
        return table[2 * (known ? 0 : slot(hash)) + 1];
    }

    /** The index of the vertex at this point; {@code next} when there is none yet, which is then stored. */
    int put(int x, int y, int z, int hash, int next) {
        long xy = (long) x << 32 | y & 0xffffffffL;
        int r = hash & RECENT_MASK;
        long known = recent[2 * r + 1];
        if (known != 0 && recent[2 * r] == xy && (int) (known >>> 32) == z) {
            return (int) known - 1;
        }
        int index = find(xy, z, hash, next);
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

    private int find(long xy, int z, int hash, int next) {
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
        table[2 * slot] = xy;
        table[2 * slot + 1] = (long) z << 32 | (next + 1);
        size++;
        if (size * 2 > mask + 1) {
            grow();
        }
        return next;
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
