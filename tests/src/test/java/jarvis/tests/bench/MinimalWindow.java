package jarvis.tests.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The start-up baseline: the smallest JavaFX window, reporting its first frame the way Jarvis does. With the argument
 * {@code exit} it closes after that frame (a training run for its own start-up cache).
 */
public final class MinimalWindow {
    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new StackPane(new Label("Hello")), 1280, 800);
            boolean[] reported = {false};
            scene.addPostLayoutPulseListener(() -> {
                if (!reported[0] && stage.isShowing()) {
                    reported[0] = true;
                    System.out.println("JARVIS_FIRST_FRAME");
                    System.out.flush();
                    if (args.length > 0 && args[0].equals("exit")) {
                        Platform.runLater(Platform::exit);
                    }
                }
            });
            stage.setScene(scene);
            stage.show();
        });
    }
}
