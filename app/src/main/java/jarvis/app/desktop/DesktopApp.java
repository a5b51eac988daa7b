package jarvis.app.desktop;

import jarvis.app.Core;
import jarvis.app.Logging;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.home.DesktopInstance;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.ui.fx.FxExecutor;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Opens the desktop window: claims the data folder (a second window on it is refused and the first comes to the
 * front), starts the services, and shows the window before the database has finished opening.
 */
public final class DesktopApp {

    /** Exit status when another window already owns the data folder. */
    public static final int ALREADY_OPEN = 3;

    private DesktopApp() {}

    public static int open(DataFolder folder, Map<String, String> environment) {
        folder.ensureExists();
        FxExecutor fx = new FxExecutor();
        AtomicReference<DesktopShell> shell = new AtomicReference<>();
        Optional<DesktopInstance> instance;
        try {
            instance = DesktopInstance.claim(folder,
                    () -> fx.execute(() -> Optional.ofNullable(shell.get()).ifPresent(DesktopShell::comeToFront)),
                    Thread.ofVirtual().name("jarvis-activation").factory());
        } catch (IOException e) {
            System.err.println("jarvis: cannot claim the data folder " + folder.root() + ": " + e.getMessage());
            return 1;
        }
        if (instance.isEmpty()) {
            System.err.println("jarvis: Jarvis is already open on " + folder.root() + "; that window was brought to the front. "
                    + "Use it, or close it first. The command line (./jarvis <command>) works beside it.");
            return ALREADY_OPEN;
        }
        Logging.toFolder(folder.logFolder(), "jarvis", "info");
        Core core = new Core(folder, environment);
        core.watchSettingsFile();
        Logging.setLevel(core.settings().get(SettingsSchema.LOG_LEVEL));
        Platform.startup(() -> {
            Stage stage = new Stage();
            // The database, Flyway and the first health checks start once the window is on screen: on two cores
            // they would otherwise compete with it for the first frame.
            DesktopShell opened = new DesktopShell(core, fx, stage, () -> {
                core.openStorageInBackground().thenAccept(Core.Storage::recoverAfterRestart);
                core.health().start();
            });
            shell.set(opened);
            stage.setOnHidden(e -> {
                opened.close();
                core.close();
                try {
                    instance.get().close();
                } catch (IOException ex) {
                    LoggerFactory.getLogger(DesktopApp.class).warn("Releasing the data folder failed", ex);
                }
                Platform.exit();
            });
            stage.show();
        });
        return 0;
    }
}
