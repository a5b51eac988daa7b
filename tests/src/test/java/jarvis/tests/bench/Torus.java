package jarvis.tests.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A torus as a binary STL: {@code around × across} quads, two triangles each, every vertex shared by six triangles,
 * facets in rows as a CAD program's export writes them; 40 mm across its ring, 10 mm thick.
 */
final class Torus {

    private Torus() {}

    static byte[] stl(int around, int across) {
        ByteBuffer out = ByteBuffer.allocate(84 + 50 * 2 * around * across).order(ByteOrder.LITTLE_ENDIAN);
        out.position(80);
        out.putInt(2 * around * across);
        for (int i = 0; i < around; i++) {
            for (int j = 0; j < across; j++) {
                float[] a = point(i, j, around, across);
                float[] b = point(i + 1, j, around, across);
                float[] c = point(i + 1, j + 1, around, across);
                float[] d = point(i, j + 1, around, across);
                facet(out, a, b, c);
                facet(out, a, c, d);
            }
        }
        return out.array();
    }

    private static float[] point(int i, int j, int around, int across) {
        double theta = 2 * Math.PI * (i % around) / around;
        double phi = 2 * Math.PI * (j % across) / across;
        return new float[] {(float) ((40 + 10 * Math.cos(phi)) * Math.cos(theta)), (float) ((40 + 10 * Math.cos(phi)) * Math.sin(theta)),
                (float) (10 * Math.sin(phi))};
    }

    private static void facet(ByteBuffer out, float[] a, float[] b, float[] c) {
        out.putFloat(0).putFloat(0).putFloat(0);
        for (float[] p : new float[][] {a, b, c}) {
            out.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]);
        }
        out.putShort((short) 0);
    }
}
