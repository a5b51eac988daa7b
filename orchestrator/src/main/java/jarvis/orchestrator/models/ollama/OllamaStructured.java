package jarvis.orchestrator.models.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.List;
import java.util.function.Supplier;

/**
 * A question to a local model through Ollama's {@code /api/chat}, answered whole (not streamed) in the shape of a JSON
 * schema: the schema as {@code format} (Ollama constrains the model's tokens to it), thinking off, a low temperature.
 * Images go as raw base64 (Ollama refuses a {@code data:} prefix). Each failure is said for a person: Ollama not
 * running, the model missing or unable to see, no answer in time.
 */
public final class OllamaStructured {

    /** One message of the exchange; an image only on a person's message to a vision model. */
    public record Message(String role, String content, byte[] image) {
        public static Message system(String text) {
            return new Message("system", text, null);
        }

        public static Message user(String text) {
            return new Message("user", text, null);
        }

        public static Message assistant(String text) {
            return new Message("assistant", text, null);
        }
    }

    /** What the model said (JSON text in the schema's shape) and how long it spent, as Ollama reports it. */
    public record Answer(String model, String content, Duration modelTime) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final Supplier<String> baseUrl;
    private final Duration timeout;

    public OllamaStructured(HttpClient http, Supplier<String> baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /**
     * Asks {@code model}; {@code role} names it in messages ("The vision model").
     *
     * @throws ProviderException saying what went wrong: Ollama not running, the model missing, no answer in time
     */
    public Answer ask(String model, List<Message> messages, JsonNode schema, double temperature, String role) {
        return ask(model, messages, schema, temperature, null, role);
    }

    /**
     * The same with a context window of {@code contextTokens} (Ollama's default of a few thousand cuts a long answer
     * short); the answer may use up to half of it.
     */
    public Answer ask(String model, List<Message> messages, JsonNode schema, double temperature, Integer contextTokens, String role) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("stream", false);
        body.put("think", false);
        // Kept loaded between questions; the default five minutes would unload it between two looks at a slow interval.
        body.put("keep_alive", "30m");
        body.set("format", schema);
        ObjectNode options = body.putObject("options").put("temperature", temperature);
        if (contextTokens != null) {
            options.put("num_ctx", contextTokens).put("num_predict", contextTokens / 2);
        }
        ArrayNode sent = body.putArray("messages");
        for (Message message : messages) {
            ObjectNode one = sent.addObject().put("role", message.role()).put("content", message.content());
            if (message.image() != null) {
                one.putArray("images").add(Base64.getEncoder().encodeToString(message.image()));
            }
        }
        String base = baseUrl.get().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/chat")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderException(ProviderException.Kind.STALLED, role + " " + model + " gave no answer within " + timeout.toSeconds()
                    + " s. A large model on a busy machine can take longer: choose a smaller one in Settings.");
        } catch (ConnectException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "Ollama does not answer at " + base + ". Is it running?");
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "Ollama at " + base + " broke off (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.STALLED, "Stopped waiting for " + role.toLowerCase(java.util.Locale.ROOT) + ".");
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
                    "Ollama refused the question for " + model + " (" + response.statusCode() + (error.isEmpty() ? "" : ": " + error) + ").");
        }
        if (answer.path("done_reason").asText("").equals("length")) {
            throw new ProviderException(ProviderException.Kind.SERVER_ERROR, role + " " + model + " ran out of room before its answer ended: "
                    + "ask for something shorter.");
        }
        // A thinking model that ignores think:false can leave the content empty and its whole answer in thinking.
        String content = answer.path("message").path("content").asText("");
        String said = content.isBlank() ? answer.path("message").path("thinking").asText("") : content;
        if (said.isBlank()) {
            throw new ProviderException(ProviderException.Kind.SERVER_ERROR, role + " " + model + " answered with nothing.");
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
