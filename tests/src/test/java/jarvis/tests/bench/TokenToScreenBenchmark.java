package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.Shells;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * From a token leaving the Ollama simulator to the frame that shows it in the chat: socket, parsing, the stream
 * buffer, the hop onto the FX thread, Markdown rendering and layout. Measured at the first layout pulse that
 * shows each token. Goal: under one frame (16 ms).
 */
@ExtendWith(ApplicationExtension.class)
class TokenToScreenBenchmark {

    private static final int TOKENS = 150;
    private static final double FRAME_MS = 1000.0 / 60;
    private static final Pattern TOKEN = Pattern.compile("tok(\\d{3})");

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        ollama = new OllamaSimulator();
        core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()));
        core.openStorage();
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        ollama.close();
    }

    @Test
    void tokenToScreen(FxRobot robot) {
        Script script = Script.answer();
        for (int i = 0; i < TOKENS; i++) {
            script.textWithLogprob(String.format(Locale.ROOT, "tok%03d ", i), -0.01).pause(20);
        }
        ollama.enqueue(script.complete("stop", 10, TOKENS));
        Map<Integer, Long> shownAt = new ConcurrentHashMap<>();
        robot.interact(() -> shell.stage().getScene().addPostLayoutPulseListener(() -> {
            long now = System.nanoTime();
            VBox messages = (VBox) shell.stage().getScene().lookup("#messages");
            if (messages == null) {
                return;
            }
            for (Node node : messages.lookupAll(".text")) {
                if (node instanceof Text text) {
                    Matcher matcher = TOKEN.matcher(text.getText());
                    while (matcher.find()) {
                        shownAt.putIfAbsent(Integer.parseInt(matcher.group(1)), now);
                    }
                }
            }
        }));
        robot.clickOn("#chat-input").write("Count for me").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> shownAt.size() == TOKENS);

        List<Long> sent = ollama.sentAt();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            latencies.add(Math.max(0, shownAt.get(i) - sent.get(i)));
        }
        Percentiles measured = Percentiles.ofNanos(latencies.subList(10, TOKENS));
        System.out.printf(Locale.ROOT, "BENCH token to screen over %d tokens: %s (goal < %.1f ms, one frame); p95 / frame %.2f%n",
                TOKENS - 10, measured, FRAME_MS, measured.p95() / FRAME_MS);
        assertThat(latencies).hasSize(TOKENS);
    }
}
