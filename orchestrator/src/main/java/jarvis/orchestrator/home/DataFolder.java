package jarvis.orchestrator.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folder that holds everything Jarvis remembers: settings, database, logs, artifacts, secrets.
 * {@code JARVIS_HOME} names it; otherwise the platform's usual place for application data.
 */
public record DataFolder(Path root) {

    public static DataFolder resolve(Map<String, String> env, String osName, Path userHome) {
        String override = env.get("JARVIS_HOME");
        if (override != null && !override.isBlank()) {
            return new DataFolder(Path.of(override).toAbsolutePath());
        }
        if (osName.toLowerCase(Locale.ROOT).contains("mac")) {
            return new DataFolder(userHome.resolve("Library/Application Support/Jarvis"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local/share");
        return new DataFolder(base.resolve("jarvis"));
    }

    public static DataFolder fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }

    public DataFolder ensureExists() {
        try {
            Files.createDirectories(root);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data folder " + root + ": " + e.getMessage()
                    + ". Set JARVIS_HOME to a folder you can write to.", e);
        }
    }

    public Path settingsFile() { return root.resolve("settings.json"); }
    public Path windowStateFile() { return root.resolve("window.properties"); }
    public Path databaseBase() { return root.resolve("db").resolve("jarvis"); }
    public Path logFolder() { return root.resolve("logs"); }
    public Path artifactFolder() { return root.resolve("artifacts"); }
    public Path secretsFile() { return root.resolve("secrets.enc"); }
    public Path modelFolder() { return root.resolve("models"); }
    public Path secretsKeyFile() { return root.resolve("secrets.key"); }
    public Path desktopLockFile() { return root.resolve("desktop.lock"); }
    public Path desktopSocket() { return root.resolve("desktop.sock"); }
}
