package jarvis.tests.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.LayoutCheck;
import jarvis.tests.support.SimulatedWindow;
import jarvis.ui.shell.Area;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Each area laid out at 800×600, 1920×1080 and 1280×800, in that order, with real content: nothing may stick out of
 * its parent, no label or button may be shortened to an ellipsis, no horizontal scroll bar may show.
 *
 * <p>JavaFX's headless platform has a fixed 1000×1000 screen whose frame buffer a 1920×1080 window overruns: sizes up
 * to 1440×900 are real window sizes, 1920×1080 is the window's content laid out at that size with the window hidden,
 * as the window does on a resize.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutUiTest {

    /** The sizes in its order, then the size of the pictures in docs/screens besides 800×600. */
    private static final double[][] SIZES = {{800, 600}, {1920, 1080}, {1280, 800}, {1440, 900}};
    private static final List<String> THEMES = List.of("light", "dark");
    /**
     * The largest window the headless platform's 1000×1000 frame buffer holds at the screen's corner: a wider one wraps
     * into the next rows (harmless), a taller one runs past its end. Larger sizes are laid out with the window hidden.
     */
    private static final double HEADLESS_WIDTH = 1440;
    private static final double HEADLESS_HEIGHT = 900;

    @TempDir
    Path home;

    private SimulatedWindow window;
    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        window = SimulatedWindow.open(home, stage);
        ollama = window.ollama;
        anthropic = window.anthropic;
        core = window.core;
        shell = window.shell;
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    /**
     * Lays the window's content out at {@code width}×{@code height} and returns what is broken there; at 800×600 and
     * 1440×900 it also takes a picture, {@code name}-WIDTHxHEIGHT-THEME.png in tests/target/screenshots.
     */
    private List<String> at(FxRobot robot, double width, double height, String name, String theme) throws Exception {
        boolean fitsTheScreen = width <= HEADLESS_WIDTH && height <= HEADLESS_HEIGHT;
        robot.interact(() -> {
            Stage stage = shell.stage();
            if (fitsTheScreen) {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(width);
                stage.setHeight(height);
                stage.show();
            } else {
                stage.hide();
                Parent root = shell.window().scene().getRoot();
                for (int pass = 0; pass < 4; pass++) {
                    root.resize(width, height);
                    root.applyCss();
                    root.layout();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents(4);
        List<String> problems = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> picture = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            Parent root = shell.window().scene().getRoot();
            root.layout();
            problems.addAll(LayoutCheck.problems(root));
            if (width == 800 || width == 1440) {
                picture.set(root.snapshot(null, null));
            }
        });
        if (picture.get() != null) {
            Screenshots.save(picture.get(), String.format(java.util.Locale.ROOT, "%s-%.0fx%.0f-%s.png", name, width, height, theme));
        }
        return problems;
    }

    /** Each theme, each size: nothing broken anywhere. */
    private void holdsEverywhere(FxRobot robot, String name) throws Exception {
        for (String theme : THEMES) {
            core.settings().set("ui.theme", theme);
            await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(javafx.application.Application.getUserAgentStylesheet())
                    .contains(theme));
            for (double[] size : SIZES) {
                assertThat(at(robot, size[0], size[1], name, theme)).as("%s at %.0f×%.0f, %s", name, size[0], size[1], theme).isEmpty();
            }
        }
    }

    private void showArea(FxRobot robot, Area area) {
        robot.interact(() -> shell.window().select(area));
    }

    private void converse(FxRobot robot) {
        ollama.enqueue(Script.answer().textWithLogprob("""
                ## Retraction for PETG

                PETG strings more than PLA; retract a little further and a little slower, and dry the spool first.

                | Setting | Direct drive | Bowden | Notes for a very long column that keeps going |
                |---|---|---|---|
                | Distance | 0.8 mm | 4.5 mm | start here and tune in steps of 0.2 mm |

                ```gcode
                M207 S0.8 F2400 Z0.2 ; retract 0.8 mm at 40 mm/s with a 0.2 mm z-hop, on every travel move longer than 2 mm
                ```
                """, -0.01).complete("stop", 420, 160));
        robot.clickOn("#chat-input").write("What retraction should I use for PETG on https://example.com/printers/"
                + "prusa-mk4-with-a-very-long-path-that-does-not-break-anywhere-at-all/settings/retraction?").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#route-badge").tryQuery().isPresent()
                && robot.lookup("#send").queryAs(Button.class).isVisible());
        ollama.enqueue(Script.answer().textWithLogprob("I'm not sure, maybe.", -2.5).complete("stop", 9, 4));
        anthropic.enqueue(Script.answer().text("Dry it at 65 °C for four hours first.").complete("stop", 800, 40));
        robot.clickOn("#chat-input").write("And how do I dry it?").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#replaced-local-answer").tryQuery().isPresent()
                && robot.lookup("#send").queryAs(Button.class).isVisible());
    }

    @Test
    void chatHoldsAtEverySizeAndTheListKeepsItsWidth(FxRobot robot) throws Exception {
        converse(robot);
        Region list = robot.lookup("#conversation-pane").queryAs(Region.class);
        Button regenerate = robot.lookup("#regenerate").queryAs(Button.class);
        List<Double> listWidths = new ArrayList<>();
        for (double[] size : SIZES) {
            assertThat(at(robot, size[0], size[1], "chat", "system")).as("Chat at %.0f×%.0f", size[0], size[1]).isEmpty();
            listWidths.add(list.getWidth());
            boolean compact = regenerate.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY;
            assertThat(compact).as("the header's buttons are icons only when the window is narrow (%.0f)", size[0]).isEqualTo(size[0] < 1000);
        }
        assertThat(listWidths.get(1)).as("the list keeps its width when the window grows").isCloseTo(listWidths.get(2), within(1.0));
        assertThat(listWidths.get(0)).as("a narrow window gives the list less room").isLessThan(listWidths.get(1));
        holdsEverywhere(robot, "chat");
    }

    @Test
    void activityHoldsAtEverySize(FxRobot robot) throws Exception {
        converse(robot);
        showArea(robot, Area.ACTIVITY);
        holdsEverywhere(robot, "activity");
    }

    @Test
    void settingsHoldAtEverySize(FxRobot robot) throws Exception {
        showArea(robot, Area.SETTINGS);
        holdsEverywhere(robot, "settings");
    }
}
