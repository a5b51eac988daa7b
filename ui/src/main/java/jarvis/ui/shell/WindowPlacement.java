package jarvis.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the main window's size and place, and the sizes the person gave its parts (the conversation list's
 * width), in a small file in the data folder (read before the first frame, so it cannot wait for the database). A
 * place that is off every screen now is not restored.
 */
public final class WindowPlacement {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    private static final String PART = "part.";

    private final Path file;
    private final Properties saved = new Properties();
    private final Properties parts = new Properties();

    /** Reads what was saved, if anything; a missing or damaged file leaves the defaults. */
    public WindowPlacement(Path file) {
        this.file = file;
        try (InputStream in = Files.newInputStream(file)) {
            saved.load(in);
        } catch (IOException | RuntimeException e) {
            saved.clear();
        }
        saved.stringPropertyNames().stream().filter(key -> key.startsWith(PART))
                .forEach(key -> parts.setProperty(key, saved.getProperty(key)));
    }

    public void restore(Stage stage) {
        stage.setWidth(DEFAULT_WIDTH);
        stage.setHeight(DEFAULT_HEIGHT);
        try {
            double x = Double.parseDouble(saved.getProperty("x"));
            double y = Double.parseDouble(saved.getProperty("y"));
            double width = Math.max(640, Double.parseDouble(saved.getProperty("width")));
            double height = Math.max(480, Double.parseDouble(saved.getProperty("height")));
            stage.setWidth(width);
            stage.setHeight(height);
            if (!Screen.getScreensForRectangle(new Rectangle2D(x, y, width, height)).isEmpty()) {
                stage.setX(x);
                stage.setY(y);
            }
            stage.setMaximized(Boolean.parseBoolean(saved.getProperty("maximized", "false")));
        } catch (RuntimeException e) {
            stage.centerOnScreen();
        }
    }

    /** A size the person gave a part of the window, as last saved, or {@code fallback}. */
    public double part(String name, double fallback) {
        try {
            return Double.parseDouble(parts.getProperty(PART + name, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Remembers a size the person gave a part of the window; written with the window's place. */
    public void rememberPart(String name, double size) {
        parts.setProperty(PART + name, Double.toString(size));
    }

    public void save(Stage stage) {
        Properties placement = new Properties();
        placement.putAll(parts);
        placement.setProperty("x", Double.toString(stage.getX()));
        placement.setProperty("y", Double.toString(stage.getY()));
        placement.setProperty("width", Double.toString(stage.getWidth()));
        placement.setProperty("height", Double.toString(stage.getHeight()));
        placement.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                placement.store(out, "Jarvis main window");
            }
        } catch (IOException e) {
            // Losing the window's place is a nuisance, not a fault worth stopping for.
        }
    }
}
