package jarvis.tests.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The start-up baseline: the smallest JavaFX window, reporting its first frame the way Jarvis does. */
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
                }
            });
            stage.setScene(scene);
            stage.show();
        });
    }
}
