package jarvis.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Reads the files this module ships; the one place that knows where they live. */
public final class Resources {
    private Resources() {}

    /** A shipped file by its name relative to {@code jarvis/resources}, for example {@code "app-icon.png"}. */
    public static URL url(String name) {
        return Objects.requireNonNull(Resources.class.getResource(name), () -> "missing resource " + name);
    }

    public static InputStream open(String name) {
        InputStream in = Resources.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("missing resource " + name);
        }
        return in;
    }

    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
