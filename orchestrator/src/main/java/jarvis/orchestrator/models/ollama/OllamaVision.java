package jarvis.orchestrator.models.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.orchestrator.models.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * One picture shown to a local vision model through Ollama's {@code /api/chat}, answered whole (not streamed) in the
 * shape of a JSON schema: the image as raw base64 (Ollama refuses a {@code data:} prefix), the schema as
 * {@code format}, a low temperature so the same frame gets the same verdict.
 */
public final class OllamaVision {

    /** What the model said (JSON text in the schema's shape) and how long it spent, as Ollama reports it. */
    public record Answer(String model, String content, Duration modelTime) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final Supplier<String> baseUrl;
    private final Duration timeout;

    public OllamaVision(HttpClient http, Supplier<String> baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /**
     * Asks {@code model} about {@code image} (JPEG or PNG bytes).
     *
     * @throws ProviderException saying what went wrong: Ollama not running, the model missing, no answer in time
     */
    public Answer ask(String model, String system, String prompt, byte[] image, JsonNode schema) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("stream", false);
        body.put("think", false);
        // Kept loaded between looks; the default five minutes would unload it between two looks at a slow interval.
        body.put("keep_alive", "30m");
        body.set("format", schema);
        body.putObject("options").put("temperature", 0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        ObjectNode user = messages.addObject().put("role", "user").put("content", prompt);
        user.putArray("images").add(Base64.getEncoder().encodeToString(image));
        String base = baseUrl.get().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/chat")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderException(ProviderException.Kind.STALLED, "The vision model " + model + " gave no verdict within "
                    + timeout.toSeconds() + " s. A large model on a busy machine can take longer: choose a smaller one in Settings.");
        } catch (ConnectException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "Ollama does not answer at " + base + ". Is it running?");
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "Ollama at " + base + " broke off (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.STALLED, "Stopped waiting for the vision model.");
        }
        JsonNode answer = parse(response.body());
        String error = answer.path("error").asText("");
        if (response.statusCode() == 404) {
            throw new ProviderException(ProviderException.Kind.MODEL_NOT_FOUND, "Ollama has no model " + model + ": pull it (ollama pull "
                    + model + ") or choose another in Settings.");
        }
        if (error.contains("Multimodal data provided") || error.contains("image input is not supported")) {
            throw new ProviderException(ProviderException.Kind.BAD_REQUEST, model + " cannot see images: choose a vision model (qwen2.5vl, "
                    + "gemma3, llama3.2-vision) in Settings ▸ Failure watch.");
        }
        if (response.statusCode() != 200 || !error.isEmpty()) {
            throw new ProviderException(response.statusCode() == 400 ? ProviderException.Kind.BAD_REQUEST : ProviderException.Kind.SERVER_ERROR,
                    "Ollama refused the picture for " + model + " (" + response.statusCode() + (error.isEmpty() ? "" : ": " + error) + ").");
        }
        // A thinking model that ignores think:false can leave the content empty and its whole answer in thinking.
        String content = answer.path("message").path("content").asText("");
        String said = content.isBlank() ? answer.path("message").path("thinking").asText("") : content;
        if (said.isBlank()) {
            throw new ProviderException(ProviderException.Kind.SERVER_ERROR, "The vision model " + model + " answered with nothing.");
        }
        return new Answer(answer.path("model").asText(model), said, Duration.ofNanos(answer.path("total_duration").asLong(0)));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode().put("error", text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }
}
