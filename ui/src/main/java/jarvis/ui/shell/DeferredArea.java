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
            if (failure == null) {
                getChildren().setAll(view.apply(value));
            } else {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                Label problem = new Label("This area cannot open: " + cause.getMessage());
                problem.setWrapText(true);
                problem.getStyleClass().add(Styles.DANGER);
                getChildren().setAll(problem);
            }
        }));
    }
}
