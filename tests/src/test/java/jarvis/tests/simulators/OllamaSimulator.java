package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;

/**
 * Ollama as PROTOCOLS.md §1 describes it: {@code GET /} and {@code /api/version}, and {@code POST /api/chat}
 * streamed as NDJSON (thinking in {@code message.thinking}, tool calls whole with object arguments, token
 * log-probabilities when asked, a final {@code done:true} line with counts), errors as {@code {"error":…}} with
 * their status before the stream and as a last line with status 200 after it began.
 */
public final class OllamaSimulator extends ScriptedModelSimulator {

    public OllamaSimulator() throws IOException {
        super("/api/chat");
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

    @Override
    protected Refusal checkAuth(Headers headers) {
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
        String head = "{\"model\":" + model + ",\"created_at\":\"2026-11-24T10:00:00.1Z\",\"message\":{\"role\":\"assistant\",";
        int index = 0;
        for (Script.Step step : script.steps()) {
            switch (step) {
                case Script.Text(String text, double logprob) -> out.write(head + "\"content\":" + quote(text) + "},\"done\":false"
                        + (logprobs ? ",\"logprobs\":[{\"token\":" + quote(text) + ",\"logprob\":" + logprob + "}]" : "") + "}\n");
                case Script.Thinking(String text) -> out.write(head + "\"content\":\"\",\"thinking\":" + quote(text) + "},\"done\":false}\n");
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
            case Script.Cut() -> { }
        }
    }
}
