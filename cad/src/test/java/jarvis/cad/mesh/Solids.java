package jarvis.cad.mesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Known solids as triangle lists (nine floats each, counter-clockwise from outside), written as binary or ASCII STL. */
final class Solids {

    private Solids() {}

    /** A cube of side {@code s} from the origin: 12 triangles. */
    static List<float[]> cube(float s) {
        float[][] p = {{0, 0, 0}, {s, 0, 0}, {s, s, 0}, {0, s, 0}, {0, 0, s}, {s, 0, s}, {s, s, s}, {0, s, s}};
        int[][] faces = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
        List<float[]> triangles = new ArrayList<>();
        for (int[] f : faces) {
            triangles.add(tri(p[f[0]], p[f[1]], p[f[2]]));
            triangles.add(tri(p[f[0]], p[f[2]], p[f[3]]));
        }
        return triangles;
    }

    /** A torus of radii {@code big} and {@code small} around z, in {@code u} × {@code v} quads. */
    static List<float[]> torus(double big, double small, int u, int v) {
        List<float[]> triangles = new ArrayList<>();
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                float[] a = point(big, small, i, j, u, v);
                float[] b = point(big, small, i + 1, j, u, v);
                float[] c = point(big, small, i + 1, j + 1, u, v);
                float[] d = point(big, small, i, j + 1, u, v);
                triangles.add(tri(a, b, c));
                triangles.add(tri(a, c, d));
            }
        }
        return triangles;
    }

    private static float[] point(double big, double small, int i, int j, int u, int v) {
        double theta = 2 * Math.PI * (i % u) / u;
        double phi = 2 * Math.PI * (j % v) / v;
        return new float[] {(float) ((big + small * Math.cos(phi)) * Math.cos(theta)), (float) ((big + small * Math.cos(phi)) * Math.sin(theta)),
                (float) (small * Math.sin(phi))};
    }

    static float[] tri(float[] a, float[] b, float[] c) {
        return new float[] {a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2]};
    }

    /** Moves every triangle by ({@code dx}, 0, 0). */
    static List<float[]> shifted(List<float[]> triangles, float dx) {
        return triangles.stream().map(t -> new float[] {t[0] + dx, t[1], t[2], t[3] + dx, t[4], t[5], t[6] + dx, t[7], t[8]}).toList();
    }

    static byte[] binary(List<float[]> triangles, String header) {
        ByteBuffer out = ByteBuffer.allocate(84 + 50 * triangles.size()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        out.put(head, 0, Math.min(80, head.length));
        out.position(80);
        out.putInt(triangles.size());
        for (float[] t : triangles) {
            out.putFloat(0).putFloat(0).putFloat(0);
            for (float value : t) {
                out.putFloat(value);
            }
            out.putShort((short) 0);
        }
        return out.array();
    }

    /** Text STL, one solid per list, lines ending as {@code newline} says, numbers in exponent form. */
    static byte[] ascii(String newline, List<List<float[]>> solids) {
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (List<float[]> solid : solids) {
            text.append("solid part").append(n++).append(newline);
            for (float[] t : solid) {
                text.append("  facet normal 0 0 0").append(newline).append("    outer loop").append(newline);
                for (int corner = 0; corner < 3; corner++) {
                    text.append(String.format(Locale.ROOT, "      vertex %e %e %e", t[3 * corner], t[3 * corner + 1], t[3 * corner + 2])).append(newline);
                }
                text.append("    endloop").append(newline).append("  endfacet").append(newline);
            }
            text.append("endsolid").append(newline);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
