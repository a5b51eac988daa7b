package jarvis.orchestrator.settings;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the settings file so that {@code ./jarvis settings set} beside the open window takes effect in it at once.
 * Each burst of changes (a write lands as create, modify, move) leads to one reload.
 */
public final class SettingsWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsWatcher.class);
    private static final long SETTLE_MILLIS = 50;

    private final WatchService watcher;

    private SettingsWatcher(WatchService watcher) {
        this.watcher = watcher;
    }

    public static SettingsWatcher start(SettingsService settings, ThreadFactory threads) throws IOException {
        Path file = settings.file().path().toAbsolutePath();
        Path folder = file.getParent();
        WatchService watcher = folder.getFileSystem().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        SettingsWatcher started = new SettingsWatcher(watcher);
        threads.newThread(() -> started.watch(settings, file.getFileName())).start();
        return started;
    }

    private void watch(SettingsService settings, Path name) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= name.equals(event.context());
                }
                key.reset();
                if (ours) {
                    Thread.sleep(SETTLE_MILLIS);
                    drain();
                    settings.reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the app is stopping.
        } catch (RuntimeException e) {
            LOG.warn("Watching the settings file stopped", e);
        }
    }

    private void drain() {
        WatchKey more;
        while ((more = watcher.poll()) != null) {
            more.pollEvents();
            more.reset();
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
