package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.cad.parts.Thumbnail;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailTest {

    private static final int SIZE = 64;

    @Test
    void aCubeIsDrawnInTheMiddleWithItsThreeVisibleSidesLitDifferently() throws Exception {
        int[] pixels = Thumbnail.pixels(cube(20), SIZE);

        assertThat(pixels[0]).as("a clear corner").isZero();
        assertThat(pixels[SIZE * SIZE - 1]).isZero();
        long drawn = java.util.Arrays.stream(pixels).filter(pixel -> pixel != 0).count();
        assertThat(drawn).as("an isometric cube covers about half the square").isBetween(SIZE * SIZE / 3L, SIZE * SIZE * 3 / 4L);
        int top = pixels[SIZE / 4 * SIZE + SIZE / 2];
        int left = pixels[SIZE * 5 / 8 * SIZE + SIZE / 3];
        int right = pixels[SIZE * 5 / 8 * SIZE + SIZE * 2 / 3];
        assertThat(top).isNotZero();
        assertThat(left).isNotZero();
        assertThat(right).isNotZero();
        assertThat(java.util.Set.of(top, left, right)).as("top, left and right each have their own shade").hasSize(3);
        assertThat(blue(top)).isGreaterThan(red(top));
    }

    @Test
    void thePartIsSeenAsItIsNotInAMirror() throws Exception {
        // A bar along x, seen from the front right above (+x, +y, +z): its x = 0 end is at the top right and its
        // x = 40 end at the bottom left. In a mirror it would run from the top left to the bottom right.
        List<float[]> bar = Solids.cube(1).stream().map(triangle -> {
            float[] scaled = triangle.clone();
            for (int i = 0; i < 9; i += 3) {
                scaled[i] *= 40;
                scaled[i + 1] *= 4;
                scaled[i + 2] *= 4;
            }
            return scaled;
        }).toList();
        int[] pixels = Thumbnail.pixels(StlReader.read(Solids.binary(bar, "bar"), "bar.stl"), SIZE);

        assertThat(drawn(pixels, 0, SIZE / 3, 2 * SIZE / 3, SIZE)).as("the top right").isPositive();
        assertThat(drawn(pixels, 0, SIZE / 3, 0, SIZE / 3)).as("the top left").isZero();
        assertThat(drawn(pixels, 2 * SIZE / 3, SIZE, 0, SIZE / 3)).as("the bottom left").isPositive();
    }

    /** How many pixels are drawn in rows [top, bottom) and columns [left, right). */
    private static int drawn(int[] pixels, int top, int bottom, int left, int right) {
        int count = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                count += pixels[y * SIZE + x] != 0 ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void thePictureIsAPngOfTheSizeAsked() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Thumbnail.png(cube(5), Thumbnail.SIZE)));

        assertThat(image.getWidth()).isEqualTo(Thumbnail.SIZE);
        assertThat(image.getHeight()).isEqualTo(Thumbnail.SIZE);
        assertThat(image.getRGB(Thumbnail.SIZE / 2, Thumbnail.SIZE / 2) >>> 24).as("opaque in the middle").isEqualTo(0xff);
        assertThat(image.getRGB(0, 0) >>> 24).as("clear in the corner").isZero();
    }

    private static Mesh cube(float side) throws MeshException {
        return StlReader.read(Solids.binary(Solids.cube(side), "cube"), "cube.stl");
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }

    private static int red(int argb) {
        return argb >> 16 & 0xff;
    }
}
