package jarvis.app.desktop;

import jarvis.app.Core;
import jarvis.app.Logging;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.home.DesktopInstance;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.ui.fx.FxExecutor;
import jarvis.ui.shell.MainWindow;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
        // The services are built on their own thread while the toolkit starts on this one: on two cores the two
        // overlap, and the window is built as soon as both are done.
        CompletableFuture<Core> services = CompletableFuture.supplyAsync(() -> services(folder, environment),
                runnable -> Thread.ofPlatform().name("jarvis-services").start(runnable));
        Platform.startup(() -> {
            // While the services are still being built, the theme and the icon font load on the otherwise idle FX thread.
            MainWindow.preload();
            Core core;
            try {
                core = services.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LoggerFactory.getLogger(DesktopApp.class).error("Jarvis could not start", cause);
                System.err.println("jarvis: Jarvis could not start: " + cause.getMessage());
                release(instance.get());
                Platform.exit();
                return;
            }
            showWindow(core, instance.get(), fx, shell);
        });
        return 0;
    }

    private static Core services(DataFolder folder, Map<String, String> environment) {
        Logging.toFolder(folder.logFolder(), "jarvis", "info");
        Core core = new Core(folder, environment);
        core.watchSettingsFile();
        Logging.setLevel(core.settings().get(SettingsSchema.LOG_LEVEL));
        // The database opens while the window is being built: the Chat area needs it to be ready. The health checks
        // wait for the window to be on screen, where they no longer compete with the first frame.
        core.openStorageInBackground().thenAccept(Core.Storage::recoverAfterRestart);
        return core;
    }

    private static void release(DesktopInstance instance) {
        try {
            instance.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(DesktopApp.class).warn("Releasing the data folder failed", e);
        }
    }

    private static void showWindow(Core core, DesktopInstance instance, FxExecutor fx, AtomicReference<DesktopShell> shell) {
        Stage stage = new Stage();
        DesktopShell opened = new DesktopShell(core, fx, stage, () -> core.health().start());
        shell.set(opened);
        stage.setOnHidden(e -> {
            opened.close();
            core.close();
            release(instance);
            Platform.exit();
        });
        stage.show();
    }
}
