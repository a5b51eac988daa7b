package jarvis.cad.parts;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A small picture of a part for the parts list: seen from the front right and above (isometric), lit from the upper
 * left, in the part's blue on a clear background, drawn by a z-buffer in plain Java so it needs no display and no GPU.
 * A large part's triangles mostly fall within one pixel; each costs a few operations.
 */
public final class Thumbnail {

    /** The list's pictures are this many pixels square. */
    public static final int SIZE = 96;
    /** How pictures are drawn now: a kept picture drawn another way (1 was seen in a mirror) is drawn again. */
    public static final String DRAWING = "2";
    private static final int BLUE = 0x4c8bf5;
    private static final double MARGIN = 0.08;
    /** Isometric: turned 45° about the vertical, then tipped 35.26° so the three axes look alike. */
    private static final double TURN = Math.toRadians(45);
    private static final double TIP = Math.atan(1 / Math.sqrt(2));
    /** The light's direction in view space (towards the viewer, up and to the left), normalised. */
    private static final double[] LIGHT = normalised(-0.4, 0.6, 0.7);

    private Thumbnail() {}

    /** The picture as ARGB pixels, row by row from the top. */
    public static int[] pixels(Mesh mesh, int size) {
        float[] v = mesh.vertices();
        int count = v.length / 3;
        double[] sx = new double[count];
        double[] sy = new double[count];
        double[] sz = new double[count];
        double cosT = Math.cos(TURN);
        double sinT = Math.sin(TURN);
        double cosP = Math.cos(TIP);
        double sinP = Math.sin(TIP);
        MeshAnalysis box = MeshAnalysis.bounds(mesh);
        double cx = (box.minX() + box.maxX()) / 2;
        double cy = (box.minY() + box.maxY()) / 2;
        double cz = (box.minZ() + box.maxZ()) / 2;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            double x = v[3 * i] - cx;
            double y = v[3 * i + 1] - cy;
            double z = v[3 * i + 2] - cz;
            // Turned about z, then tipped about the screen's x: screen x right, screen y up, depth towards the viewer.
            double rx = x * cosT - y * sinT;
            double ry = x * sinT + y * cosT;
            // Screen x is −rx: with +rx the three axes would form a mirror image (the map's determinant is −1).
            sx[i] = -rx;
            sy[i] = z * cosP - ry * sinP;
            sz[i] = z * sinP + ry * cosP;
            minX = Math.min(minX, sx[i]);
            maxX = Math.max(maxX, sx[i]);
            minY = Math.min(minY, sy[i]);
            maxY = Math.max(maxY, sy[i]);
        }
        int[] pixels = new int[size * size];
        if (count == 0) {
            return pixels;
        }
        double span = Math.max(maxX - minX, maxY - minY);
        double scale = span == 0 ? 1 : size * (1 - 2 * MARGIN) / span;
        double offsetX = size / 2.0 - (minX + maxX) / 2 * scale;
        double offsetY = size / 2.0 + (minY + maxY) / 2 * scale;
        for (int i = 0; i < count; i++) {
            sx[i] = offsetX + sx[i] * scale;
            sy[i] = offsetY - sy[i] * scale;
            // Depth scaled alike, so a face's normal comes out of the screen coordinates undistorted.
            sz[i] *= scale;
        }
        float[] depth = new float[size * size];
        Arrays.fill(depth, Float.NEGATIVE_INFINITY);
        int[] t = mesh.triangles();
        for (int face = 0; face < t.length; face += 3) {
            draw(t[face], t[face + 1], t[face + 2], sx, sy, sz, size, depth, pixels);
        }
        return pixels;
    }

    private static void draw(int a, int b, int c, double[] sx, double[] sy, double[] sz, int size, float[] depth, int[] pixels) {
        double ux = sx[b] - sx[a];
        double uy = sy[b] - sy[a];
        double uz = sz[b] - sz[a];
        double wx = sx[c] - sx[a];
        double wy = sy[c] - sy[a];
        double wz = sz[c] - sz[a];
        // The face's normal in view space (screen y points down here, so its sign is turned back).
        double nx = -(uy * wz - uz * wy);
        double ny = uz * wx - ux * wz;
        double nz = -(ux * wy - uy * wx);
        double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double area = ux * wy - uy * wx;
        if (length == 0 || area == 0) {
            return;
        }
        // Two-sided: a face seen from behind (a flipped triangle) is lit as its front would be.
        double light = Math.abs(nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]) / length;
        int colour = shade(0.35 + 0.65 * light);
        int left = Math.max(0, (int) Math.floor(Math.min(sx[a], Math.min(sx[b], sx[c]))));
        int right = Math.min(size - 1, (int) Math.ceil(Math.max(sx[a], Math.max(sx[b], sx[c]))));
        int top = Math.max(0, (int) Math.floor(Math.min(sy[a], Math.min(sy[b], sy[c]))));
        int bottom = Math.min(size - 1, (int) Math.ceil(Math.max(sy[a], Math.max(sy[b], sy[c]))));
        for (int py = top; py <= bottom; py++) {
            for (int px = left; px <= right; px++) {
                double x = px + 0.5 - sx[a];
                double y = py + 0.5 - sy[a];
                double s = (x * wy - y * wx) / area;
                double r = (ux * y - uy * x) / area;
                if (s < 0 || r < 0 || s + r > 1) {
                    continue;
                }
                float z = (float) (sz[a] + s * uz + r * wz);
                int at = py * size + px;
                if (z > depth[at]) {
                    depth[at] = z;
                    pixels[at] = colour;
                }
            }
        }
    }

    private static int shade(double brightness) {
        int r = (int) Math.min(255, ((BLUE >> 16) & 0xff) * brightness);
        int g = (int) Math.min(255, ((BLUE >> 8) & 0xff) * brightness);
        int b = (int) Math.min(255, (BLUE & 0xff) * brightness);
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    /** The picture as a PNG file's bytes. */
    public static byte[] png(Mesh mesh, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, size, size, pixels(mesh, size), 0, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing a PNG to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static double[] normalised(double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / length, y / length, z / length};
    }
}
