package jarvis.orchestrator.models.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Pulls a model into Ollama as a job, reading {@code /api/pull}'s NDJSON progress itself (ollama4j's pull reports
 * none): progress is the share of the current layer downloaded; an {@code error} line fails the job for good; the
 * stream must end with {@code success}. A cut connection is retried, and Ollama resumes where it stopped.
 */
public final class PullModelJob implements JobHandler {

    public static final String TYPE = "ollama.pull";

    private final HttpClient http;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json = new ObjectMapper();

    public PullModelJob(HttpClient http, Supplier<String> baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        String model = context.payload().strip();
        if (model.isEmpty()) {
            throw new PermanentJobFailure("No model name was given; write one such as llama3.2 or qwen3:8b.");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/api/pull"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(json.createObjectNode().put("model", model).put("stream", true))))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() / 100 != 2) {
                String body = lines.lines().reduce("", String::concat);
                throw new PermanentJobFailure("Ollama refused to pull " + model + " (" + response.statusCode() + ": " + error(body) + ").");
            }
            context.progress(0, "Asking Ollama for " + model);
            for (String line; (line = lines.readLine()) != null; ) {
                context.checkCancelled();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode status = json.readTree(line);
                if (status.hasNonNull("error")) {
                    throw new PermanentJobFailure("Ollama cannot pull " + model + ": " + status.get("error").asText()
                            + ". Check the name at ollama.com/library.");
                }
                String what = status.path("status").asText("");
                if (what.equals("success")) {
                    context.progress(1, model + " is ready");
                    return;
                }
                long total = status.path("total").asLong(0);
                long completed = status.path("completed").asLong(0);
                double fraction = total > 0 ? (double) completed / total : 0;
                context.progress(fraction, total > 0
                        ? String.format(Locale.ROOT, "%s: %.0f of %.0f MB", what, completed / 1e6, total / 1e6) : what);
            }
        }
        throw new IOException("The pull of " + model + " stopped before Ollama said it was complete; it resumes when tried again.");
    }

    private String error(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.hasNonNull("error") ? node.get("error").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
