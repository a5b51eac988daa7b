package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ollama as PROTOCOLS.md §1 describes it: {@code GET /} and {@code /api/version}, and {@code POST /api/chat}
 * streamed as NDJSON (thinking in {@code message.thinking}, tool calls whole with object arguments, token
 * log-probabilities when asked, a final {@code done:true} line with counts), errors as {@code {"error":…}} with
 * their status before the stream and as a last line with status 200 after it began.
 */
public final class OllamaSimulator extends ScriptedModelSimulator {

    /** A model the simulated server has. */
    public record Model(String name, long size, String family, List<String> capabilities) {}

    private final List<Model> models = new CopyOnWriteArrayList<>();
    private final Set<String> pullable = ConcurrentHashMap.newKeySet();

    public OllamaSimulator() throws IOException {
        this(0);
    }

    /** Listening on {@code port} of the loopback address (0 for any free port). */
    public OllamaSimulator(int port) throws IOException {
        super("/api/chat", port);
        server.createContext("/api/tags", exchange -> {
            StringBuilder body = new StringBuilder("{\"models\":[");
            for (int i = 0; i < models.size(); i++) {
                Model model = models.get(i);
                body.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(model.name())).append(",\"model\":").append(quote(model.name()))
                        .append(",\"modified_at\":\"2026-11-01T10:00:00Z\",\"size\":").append(model.size())
                        .append(",\"digest\":\"a80c4f17acd5\",\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":")
                        .append(quote(model.family())).append(",\"families\":[").append(quote(model.family()))
                        .append("],\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"}}");
            }
            respond(exchange, 200, "application/json; charset=utf-8", body.append("]}").toString());
        });
        server.createContext("/api/show", exchange -> {
            JsonNode request = json.readTree(exchange.getRequestBody());
            String name = request.path("model").asText(request.path("name").asText());
            Model model = models.stream().filter(m -> m.name().equals(name) || m.name().equals(name + ":latest")).findFirst().orElse(null);
            if (model == null) {
                respond(exchange, 404, "application/json", "{\"error\":" + quote("model '" + name + "' not found") + "}");
                return;
            }
            StringBuilder capabilities = new StringBuilder();
            for (String capability : model.capabilities()) {
                capabilities.append(capabilities.isEmpty() ? "" : ",").append(quote(capability));
            }
            respond(exchange, 200, "application/json", "{\"license\":\"\",\"modelfile\":\"\",\"parameters\":\"\",\"template\":\"\","
                    + "\"details\":{\"format\":\"gguf\",\"family\":" + quote(model.family()) + "},\"model_info\":{},"
                    + "\"capabilities\":[" + capabilities + "]}");
        });
        server.createContext("/api/pull", exchange -> {
            try (exchange) {
                String name = json.readTree(exchange.getRequestBody()).path("model").asText();
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                Writer out = new Writer(exchange.getResponseBody());
                out.write("{\"status\":\"pulling manifest\"}\n");
                if (!pullable.contains(name)) {
                    out.write("{\"error\":\"pull model manifest: file does not exist\"}\n");
                    return;
                }
                for (int step = 1; step <= 4; step++) {
                    out.write("{\"status\":\"pulling 6a0746a1ec1a\",\"digest\":\"sha256:6a07\",\"total\":4000000,\"completed\":"
                            + step * 1_000_000 + "}\n");
                }
                out.write("{\"status\":\"verifying sha256 digest\"}\n{\"status\":\"writing manifest\"}\n{\"status\":\"success\"}\n");
                models.add(new Model(name, 4_000_000, "llama", List.of("completion")));
            }
        });
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && exchange.getRequestMethod().matches("GET|HEAD")) {
                respond(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
            } else if (path.equals("/api/version") && exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 200, "application/json; charset=utf-8", "{\"version\":\"0.12.11\"}");
            } else {
                respond(exchange, 404, "text/plain", "404 page not found");
            }
        });
    }

    public OllamaSimulator withModel(String name, String... capabilities) {
        models.add(new Model(name, 2_019_393_189L, "llama", List.of(capabilities)));
        return this;
    }

    /** A model {@code /api/pull} can fetch; any other name fails the way Ollama does. */
    public OllamaSimulator canPull(String name) {
        pullable.add(name);
        return this;
    }

    /** One token's entry; with {@code candidates}, its top candidates: itself and a runner-up holding most of the rest. */
    private String token(String text, double logprob, int candidates) {
        String entry = "{\"token\":" + quote(text) + ",\"logprob\":" + logprob;
        if (candidates > 0) {
            double runnerUp = Math.log(Math.max(1e-6, 0.8 * (1 - Math.exp(logprob))));
            entry += ",\"top_logprobs\":[{\"token\":" + quote(text) + ",\"logprob\":" + logprob + "}"
                    + (candidates > 1 ? ",{\"token\":\"~\",\"logprob\":" + runnerUp + "}" : "") + "]";
        }
        return entry + "}";
    }

    @Override
    protected Refusal checkAuth(Headers headers) {
        return null;
    }

    /**
     * Images must be raw base64: Ollama decodes them as Go's {@code []byte}, so a {@code data:} prefix fails there
     * with 400 before any model runs.
     */
    @Override
    protected Refusal checkRequest(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            if (!message.path("images").isEmpty()) {
                String name = body.path("model").asText();
                Model model = models.stream().filter(m -> m.name().equals(name) || m.name().equals(name + ":latest")).findFirst().orElse(null);
                if (model == null) {
                    return new Refusal(404, "{\"error\":" + quote("model '" + name + "' not found") + "}");
                }
                // Ollama leaves the check to llama-server, whose error it passes on as a string (a 500 on some versions).
                if (!model.capabilities().contains("vision")) {
                    return new Refusal(500, "{\"error\":" + quote("{\"error\":{\"code\":400,\"message\":\"Multimodal data provided, but model "
                            + "does not support multimodal requests.\",\"type\":\"invalid_request_error\"}}") + "}");
                }
            }
            for (JsonNode image : message.path("images")) {
                try {
                    java.util.Base64.getDecoder().decode(image.asText());
                } catch (IllegalArgumentException e) {
                    int at = image.asText().indexOf(':');
                    return new Refusal(400, "{\"error\":\"illegal base64 data at input byte " + Math.max(at, 0) + "\"}");
                }
            }
        }
        return null;
    }

    @Override
    protected String contentType() {
        return "application/x-ndjson";
    }

    @Override
    protected String errorBody(Script.Status status) {
        return "{\"error\":" + quote(status.message()) + "}";
    }

    @Override
    protected void stream(Script script, JsonNode request, Writer out) throws IOException, InterruptedException {
        String model = quote(request.path("model").asText());
        boolean logprobs = request.path("logprobs").asBoolean(false);
        int candidates = request.path("top_logprobs").asInt(0);
        String head = "{\"model\":" + model + ",\"created_at\":\"2026-11-24T10:00:00.1Z\",\"message\":{\"role\":\"assistant\",";
        if (!request.path("stream").asBoolean(true)) {
            whole(script, head, out);
            return;
        }
        int index = 0;
        for (Script.Step step : script.steps()) {
            switch (step) {
                case Script.Text(String text, double logprob) -> out.write(head + "\"content\":" + quote(text) + "},\"done\":false"
                        + (logprobs ? ",\"logprobs\":[" + token(text, logprob, candidates) + "]" : "") + "}\n");
                // Ollama reports the probabilities of reasoning tokens too, in the chunks that carry them.
                case Script.Thinking(String text) -> out.write(head + "\"content\":\"\",\"thinking\":" + quote(text) + "},\"done\":false"
                        + (logprobs ? ",\"logprobs\":[" + token(text, -2.5, candidates) + "]" : "") + "}\n");
                case Script.Call(String id, String name, String arguments) -> out.write(head + "\"content\":\"\",\"tool_calls\":[{\"id\":"
                        + quote(id) + ",\"function\":{\"index\":" + index++ + ",\"name\":" + quote(name) + ",\"arguments\":" + arguments
                        + "}}]},\"done\":false}\n");
                case Script.Pause(long millis) -> Thread.sleep(millis);
            }
        }
        switch (script.ending()) {
            case Script.Complete(String reason, int in, int outTokens) -> out.write(head + "\"content\":\"\"},\"done\":true,\"done_reason\":"
                    + quote(reason.equals("length") ? "length" : "stop") + ",\"total_duration\":4883583458,\"load_duration\":1334875,"
                    + "\"prompt_eval_count\":" + in + ",\"prompt_eval_duration\":342546000,\"eval_count\":" + outTokens
                    + ",\"eval_duration\":4535599000}\n");
            case Script.ErrorInStream(String type, String message) -> out.write("{\"error\":" + quote(message) + "}\n");
            case Script.FinishQuietly(String reason) -> out.write(head + "\"content\":\"\"},\"done\":true,\"done_reason\":" + quote(reason) + "}\n");
            case Script.Stall(long millis) -> stayQuiet(millis);
            case Script.Cut() -> { }
        }
    }

    /** {@code "stream":false}: the answer's text in one object, with the counts and durations of the last line. */
    private void whole(Script script, String head, Writer out) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (Script.Step step : script.steps()) {
            switch (step) {
                case Script.Text(String piece, double logprob) -> text.append(piece);
                case Script.Pause(long millis) -> Thread.sleep(millis);
                default -> { }
            }
        }
        switch (script.ending()) {
            case Script.ErrorInStream(String type, String message) -> out.write("{\"error\":" + quote(message) + "}");
            case Script.Stall(long millis) -> stayQuiet(millis);
            case Script.Cut() -> { }
            default -> out.write(head + "\"content\":" + quote(text.toString()) + "},\"done\":true,\"done_reason\":\"stop\","
                    + "\"total_duration\":1883583458,\"load_duration\":1334875,\"prompt_eval_count\":590,\"eval_count\":31}");
        }
    }
}
