package jarvis.tests.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Pictures of the window, in tests/target/screenshots, so a person can look at what the tests saw. */
final class Screenshots {
    private Screenshots() {}

    static Path save(FxRobot robot, Scene scene, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(scene.snapshot(null)));
        return save(image.get(), name);
    }

    /** Saves a picture taken on the FX thread (a node's snapshot) as {@code name} in tests/target/screenshots. */
    static Path save(WritableImage snapshot, String name) throws IOException {
        int width = (int) snapshot.getWidth();
        int height = (int) snapshot.getHeight();
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = snapshot.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = folder.resolve(name);
        ImageIO.write(picture, "png", file.toFile());
        return file;
    }
}
