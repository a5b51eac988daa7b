package jarvis.ui.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one bridge onto the FX thread. Every view model receives its UI executor from the composition root; in the
 * app it is this, in tests {@code Runnable::run}. No other class calls {@code Platform.runLater}.
 */
public final class FxExecutor implements Executor {

    /** Runs {@code work} on the FX thread after what it is doing now, even when called from it (after a key's handling, say). */
    public static void later(Runnable work) {
        Platform.runLater(work);
    }

    @Override
    public void execute(Runnable work) {
        if (Platform.isFxApplicationThread()) {
            work.run();
        } else {
            Platform.runLater(work);
        }
    }
}
