package jarvis.tests.support;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.ui.fx.FxExecutor;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** Opens and closes the real desktop shell for UI tests, the way the app does. */
public final class Shells {

    private Shells() {}

    /** Call on the FX thread (a TestFX {@code @Start} method): builds the window on {@code stage} and shows it. */
    public static DesktopShell show(Core core, Stage stage) {
        DesktopShell shell = new DesktopShell(core, new FxExecutor(), stage, core.health()::start);
        stage.show();
        return shell;
    }

    public static void close(DesktopShell shell, Core core) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            shell.close();
            shell.stage().hide();
        }).get();
        core.close();
    }
}
