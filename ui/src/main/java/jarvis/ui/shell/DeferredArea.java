package jarvis.ui.shell;

import atlantafx.base.theme.Styles;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.slf4j.LoggerFactory;

/**
 * An area whose view needs something that is still starting (the database): it says so until that is ready, then
 * shows the view, or the reason it cannot.
 */
public final class DeferredArea<T> extends StackPane {

    /** How long the wait must last before a spinner joins the words (a spinner animates every frame). */
    private static final Duration SPINNER_AFTER = Duration.millis(500);

    public DeferredArea(CompletableFuture<T> ready, Function<T, Node> view, Executor ui, String waiting) {
        Label label = new Label(waiting);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox placeholder = new VBox(8, label);
        placeholder.setAlignment(javafx.geometry.Pos.CENTER);
        getChildren().add(placeholder);
        PauseTransition longWait = new PauseTransition(SPINNER_AFTER);
        longWait.setOnFinished(e -> {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setMaxSize(32, 32);
            placeholder.getChildren().addFirst(spinner);
        });
        longWait.play();
        ready.whenComplete((value, failure) -> ui.execute(() -> {
            longWait.stop();
            if (failure != null) {
                cannotOpen(failure.getCause() == null ? failure : failure.getCause());
                return;
            }
            try {
                getChildren().setAll(view.apply(value));
            } catch (RuntimeException e) {
                // A view that fails to build says so, rather than "Opening…" for ever.
                LoggerFactory.getLogger(DeferredArea.class).error("An area could not be built", e);
                cannotOpen(e);
            }
        }));
    }

    private void cannotOpen(Throwable cause) {
        Label problem = new Label("This area cannot open: " + cause.getMessage());
        problem.setId("area-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        getChildren().setAll(problem);
    }
}
