package jarvis.orchestrator.models.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One picture shown to a local vision model, answered whole in the shape of a JSON schema ({@link OllamaStructured}),
 * at temperature 0 so the same frame gets the same verdict.
 */
public final class OllamaVision {

    /** What the model said (JSON text in the schema's shape) and how long it spent, as Ollama reports it. */
    public record Answer(String model, String content, Duration modelTime) {}

    private final OllamaStructured ollama;

    public OllamaVision(HttpClient http, Supplier<String> baseUrl, Duration timeout) {
        this.ollama = new OllamaStructured(http, baseUrl, timeout);
    }

    /**
     * Asks {@code model} about {@code image} (JPEG or PNG bytes).
     *
     * @throws jarvis.orchestrator.models.ProviderException saying what went wrong: Ollama not running, the model missing,
     *     no verdict in time
     */
    public Answer ask(String model, String system, String prompt, byte[] image, JsonNode schema) {
        OllamaStructured.Answer answer = ollama.ask(model, List.of(OllamaStructured.Message.system(system),
                new OllamaStructured.Message("user", prompt, image)), schema, 0, "The vision model");
        return new Answer(answer.model(), answer.content(), answer.modelTime());
    }
}
