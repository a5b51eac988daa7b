package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.ui.shell.DeferredArea;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An area waiting on something still starting: it opens when that is ready, or says why it cannot, never "Opening…" for ever. */
@ExtendWith(ApplicationExtension.class)
class DeferredAreaUiTest {

    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private DeferredArea<String> area;

    @Start
    void start(Stage stage) {
        area = new DeferredArea<>(ready, value -> {
            throw new IllegalStateException("the view of " + value + " broke");
        }, Platform::runLater, "Opening the test…");
        stage.setScene(new Scene(area, 400, 200));
        stage.show();
    }

    @Test
    void aViewThatFailsToBuildSaysWhy(FxRobot robot) {
        assertThat(robot.lookup("Opening the test…").tryQuery()).isPresent();

        ready.complete("the test area");

        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#area-problem").tryQuery().isPresent());
        assertThat(robot.lookup("#area-problem").queryAs(Label.class).getText())
                .isEqualTo("This area cannot open: the view of the test area broke");
    }
}
