package jarvis.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notification on the desktop: macOS's Notification Center through {@code osascript}, elsewhere {@code notify-send};
 * with neither, nothing but the log (Activity has the entry either way). Never blocks its caller for long, and never
 * puts the text on a command line a shell reads (it is passed as arguments).
 */
final class DesktopNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin"), Path.of("/opt/homebrew/bin"));

    private final Optional<Path> osascript = find("osascript");
    private final Optional<Path> notifySend = find("notify-send");

    private static Optional<Path> find(String program) {
        return SEARCHED.stream().map(folder -> folder.resolve(program)).filter(Files::isExecutable).findFirst();
    }

    /** Shows {@code text} under {@code title}; returns whether there was a way to show it. */
    boolean show(String title, String text, boolean urgent) {
        List<String> command;
        if (osascript.isPresent()) {
            // The text goes in as arguments of the script, never inside its source.
            command = List.of(osascript.get().toString(), "-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)",
                    "-e", "end run", title, text);
        } else if (notifySend.isPresent()) {
            command = List.of(notifySend.get().toString(), "--app-name=Jarvis", "--urgency=" + (urgent ? "critical" : "normal"), title, text);
        } else {
            LOG.info("No desktop notifications here (neither osascript nor notify-send): {}: {}", title, text);
            return false;
        }
        try {
            Process shown = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!shown.waitFor(3, TimeUnit.SECONDS)) {
                shown.destroyForcibly();
            }
            return true;
        } catch (IOException e) {
            LOG.info("The desktop notification was not shown ({}): {}: {}", e.getMessage(), title, text);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
