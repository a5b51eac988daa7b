package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.audio.compose.Composer;
import jarvis.audio.compose.Part;
import jarvis.orchestrator.models.ollama.OllamaStructured;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A part written by the local model through Ollama's structured output (the simulator answers as Ollama does with
 * {@code "stream": false}): the schema sent as {@code format}; a part that cannot be played sent back once with what
 * was wrong; a second failure said plainly.
 */
class ComposerTest {

    private final OllamaSimulator ollama = new OllamaSimulator().withModel("llama3.2", "completion", "tools");

    ComposerTest() throws Exception {}

    @AfterEach
    void close() {
        ollama.close();
    }

    private Composer composer() {
        return new Composer(new OllamaStructured(HttpClient.newHttpClient(), ollama::baseUrl, Duration.ofSeconds(10)), "llama3.2");
    }

    /** A four-bar drum loop in the shape the schema asks for. */
    static String loop(double bpm) {
        StringBuilder notes = new StringBuilder();
        for (int beat = 0; beat < 16; beat++) {
            notes.append(beat == 0 ? "" : ",").append("{\"start\":").append(beat).append(",\"length\":0.5,\"drum\":\"")
                    .append(beat % 2 == 0 ? "kick" : "snare").append("\",\"velocity\":100}");
            notes.append(",{\"start\":").append(beat + 0.5).append(",\"length\":0.25,\"drum\":\"closed_hat\",\"velocity\":60}");
        }
        return "{\"kind\":\"drums\",\"instrument\":\"acoustic_grand_piano\",\"bpm\":" + bpm + ",\"bars\":4,\"beatsPerBar\":4,\"notes\":["
                + notes + "]}";
    }

    @Test
    void aPartComesBackInTheSchemasShape() throws Exception {
        ollama.enqueue(Script.answer().text(loop(85)));
        List<String> steps = new ArrayList<>();

        Composer.Written written = composer().write("a four-bar lo-fi drum loop at 85 bpm", steps::add);

        assertThat(written.part().kind()).isEqualTo(Part.Kind.DRUMS);
        assertThat(written.part().bpm()).isEqualTo(85);
        assertThat(written.part().notes()).hasSize(32);
        assertThat(written.retried()).isFalse();
        assertThat(ollama.lastRequest().body().path("format").path("properties").path("notes").isObject()).as("the schema as format").isTrue();
        assertThat(ollama.lastRequest().body().path("stream").asBoolean(true)).isFalse();
        assertThat(steps).containsExactly("Asking llama3.2 for the part…");
    }

    @Test
    void aPartThatCannotPlayGoesBackOnceWithWhatWasWrong() throws Exception {
        ollama.enqueue(Script.answer().text("{\"kind\":\"drums\",\"instrument\":\"acoustic_grand_piano\",\"bpm\":85,\"bars\":1,\"beatsPerBar\":4,"
                + "\"notes\":[{\"start\":0,\"length\":1,\"pitch\":36,\"velocity\":90}]}"));
        ollama.enqueue(Script.answer().text(loop(85)));

        Composer.Written written = composer().write("a drum loop", step -> { });

        assertThat(written.retried()).isTrue();
        assertThat(written.part().notes()).hasSize(32);
        String repair = ollama.lastRequest().body().path("messages").get(3).path("content").asText();
        assertThat(repair).contains("note 1 of a drum part names no drum", "Write the whole part again");
    }

    @Test
    void twoFailuresAndAnOllamaThatIsDownAreSaid() throws Exception {
        ollama.enqueue(Script.answer().text("{\"kind\":\"drums\"}"));
        ollama.enqueue(Script.answer().text("{\"kind\":\"drums\"}"));
        assertThatThrownBy(() -> composer().write("a drum loop", step -> { })).hasMessageContaining("could not write a part that plays")
                .hasMessageContaining("does not follow the schema");

        Composer nowhere = new Composer(new OllamaStructured(HttpClient.newHttpClient(), () -> "http://127.0.0.1:9", Duration.ofSeconds(5)),
                "llama3.2");
        assertThatThrownBy(() -> nowhere.write("a drum loop", step -> { })).hasMessageContaining("Ollama does not answer");
    }
}
