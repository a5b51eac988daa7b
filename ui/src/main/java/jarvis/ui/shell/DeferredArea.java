package jarvis.ui.shell;

import atlantafx.base.theme.Styles;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * An area whose view needs something that is still starting (the database): it says so until that is ready, then
 * shows the view, or the reason it cannot.
 */
public final class DeferredArea<T> extends StackPane {

    public DeferredArea(CompletableFuture<T> ready, Function<T, Node> view, Executor ui, String waiting) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(32, 32);
        Label label = new Label(waiting);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox placeholder = new VBox(8, spinner, label);
        placeholder.setAlignment(javafx.geometry.Pos.CENTER);
        getChildren().add(placeholder);
        ready.whenComplete((value, failure) -> ui.execute(() -> {
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
