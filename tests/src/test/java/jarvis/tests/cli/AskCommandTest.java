package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.tests.support.Cli;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jarvis ask}, {@code history} and {@code routes} against the Ollama simulator. */
class AskCommandTest {

    @TempDir
    Path home;

    private OllamaSimulator ollama;


    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    private Cli.Result run(Map<String, String> env, String... args) {
        return Cli.run(home, env, args);
    }

    private Cli.Result run(String... args) {
        return run(Map.of("OLLAMA_HOST", ollama.baseUrl()), args);
    }

    @Test
    void askStreamsTheReplyAndEndsWithTheRouteAsJson() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("The printer ", -0.01).textWithLogprob("is idle.", -0.02).complete("stop", 40, 6));
        Cli.Result asked = run("ask", "--new", "--json", "Is", "the", "printer", "idle?");
        assertThat(asked.status()).as(asked.err()).isZero();
        String[] lines = asked.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("The printer is idle.");
        JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(summary.path("tier").asText()).isEqualTo("local");
        assertThat(summary.path("model").asText()).isEqualTo("llama3.2");
        assertThat(summary.path("score").asDouble()).isGreaterThan(0.9);
        assertThat(summary.path("tokens").path("in").asInt()).isEqualTo(40);
        assertThat(summary.path("cost").asDouble()).isZero();
        assertThat(summary.path("reasons").toString()).contains("threshold");
        assertThat(summary.path("timings").path("totalMs").asLong()).isPositive();

        ollama.enqueue(Script.answer().textWithLogprob("Yes.", -0.01).complete("stop", 60, 1));
        Cli.Result followUp = run("ask", "And", "the", "bed?");
        assertThat(followUp.status()).isZero();
        assertThat(ollama.lastRequest().body().path("messages").size()).as("the follow-up continues the conversation").isEqualTo(4);

        String conversation = summary.path("conversation").asText();
        Cli.Result shown = run("history", "--conversation", conversation);
        assertThat(shown.out()).contains("Is the printer idle?").contains("The printer is idle.").contains("jarvis (local, llama3.2)");
        Cli.Result found = run("history", "--search", "printer");
        assertThat(found.out()).contains("2 message(s) found").contains(conversation);
        Cli.Result routes = run("routes", "--since", "1h");
        assertThat(routes.out()).contains("2 turn(s); 100% answered on this machine; cloud spend $0.0000");
    }

    @Test
    void whenNoModelCanAnswerAskExitsOneAndSaysWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli.Result asked = run(Map.of("OLLAMA_HOST", "127.0.0.1:" + port), "ask", "--new", "hello");
        assertThat(asked.status()).isEqualTo(1);
        assertThat(asked.err()).contains("no model could answer").contains("Ollama at http://127.0.0.1:" + port + " does not answer")
                .contains("no cloud model is configured");
        assertThat(run("history").out()).contains("hello");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThat(run("ask", "--new", " ").err()).contains("empty message");
        assertThat(run("ask", "--conversation", "nope", "hi").err()).contains("no conversation nope");
        Cli.Result badDuration = run("routes", "--since", "soon");
        assertThat(badDuration.status()).isEqualTo(2);
        assertThat(badDuration.err()).contains("not a duration");
    }

    @Test
    void doctorSaysWhenTheDefaultLocalModelIsMissingAndHowToGetIt() {
        ollama.withModel("qwen3:8b", "completion");
        Cli.Result missing = run("doctor");
        assertThat(missing.out()).contains("Local model").contains("Ollama has no llama3.2").contains("ollama pull llama3.2")
                .contains("qwen3:8b");
        run("settings", "set", "ollama.model", "qwen3:8b");
        assertThat(run("doctor").out()).containsPattern("Local model\\s+OK\\s+qwen3:8b is in Ollama");
    }
}
