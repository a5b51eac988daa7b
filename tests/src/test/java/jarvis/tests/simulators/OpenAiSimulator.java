package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;

/**
 * OpenAI chat completions as PROTOCOLS.md §2 describes them: Bearer keys, SSE {@code data:} chunks, tool-call
 * arguments as string fragments keyed by index, a usage-only chunk with {@code choices:[]}, {@code data: [DONE]},
 * mid-stream {@code {"error":…}} chunks, and {@code GET /v1/models}.
 */
public final class OpenAiSimulator extends ScriptedModelSimulator {

    private final String validKey;

    public OpenAiSimulator(String validKey) throws IOException {
        super("/v1/chat/completions");
        this.validKey = validKey;
        serveModelList("/v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4.1-mini\",\"object\":\"model\"}]}");
    }

    public String baseUrlV1() {
        return baseUrl() + "/v1";
    }

    @Override
    protected Refusal checkAuth(Headers headers) {
        String bearer = headers.getFirst("Authorization");
        return bearer != null && bearer.equals("Bearer " + validKey) ? null
                : new Refusal(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-…\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    @Override
    protected String contentType() {
        return "text/event-stream";
    }

    @Override
    protected String errorBody(Script.Status status) {
        return "{\"error\":{\"message\":" + quote(status.message()) + ",\"type\":" + quote(status.type()) + ",\"param\":null,\"code\":"
                + quote(status.type()) + "}}";
    }

    private String chunk(String model, String delta, String finish, String extra) {
        return "data: {\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":" + model
                + ",\"choices\":[{\"index\":0,\"delta\":" + delta + extra + ",\"finish_reason\":" + finish + "}],\"usage\":null}\n\n";
    }

    @Override
    protected void stream(Script script, JsonNode request, Writer out) throws IOException, InterruptedException {
        String model = quote(request.path("model").asText());
        boolean logprobs = request.path("logprobs").asBoolean(false);
        out.write(chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", "null", ""));
        int index = 0;
        for (Script.Step step : script.steps()) {
            switch (step) {
                case Script.Text(String text, double logprob) -> out.write(chunk(model, "{\"content\":" + quote(text) + "}", "null",
                        logprobs ? ",\"logprobs\":{\"content\":[{\"token\":" + quote(text) + ",\"logprob\":" + logprob + ",\"top_logprobs\":[]}]}" : ""));
                case Script.Thinking(String text) -> out.write(chunk(model, "{\"reasoning_content\":" + quote(text) + "}", "null", ""));
                case Script.Call(String id, String name, String arguments) -> {
                    int at = index++;
                    out.write(chunk(model, "{\"tool_calls\":[{\"index\":" + at + ",\"id\":" + quote(id) + ",\"type\":\"function\",\"function\":{\"name\":"
                            + quote(name) + ",\"arguments\":\"\"}}]}", "null", ""));
                    int half = arguments.length() / 2;
                    for (String part : new String[] {arguments.substring(0, half), arguments.substring(half)}) {
                        out.write(chunk(model, "{\"tool_calls\":[{\"index\":" + at + ",\"function\":{\"arguments\":" + quote(part) + "}}]}", "null", ""));
                    }
                }
                case Script.Pause(long millis) -> Thread.sleep(millis);
            }
        }
        switch (script.ending()) {
            case Script.Complete(String reason, int in, int outTokens) -> {
                out.write(chunk(model, "{}", quote(reason), ""));
                out.write("data: {\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":" + model
                        + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + outTokens
                        + ",\"total_tokens\":" + (in + outTokens) + "}}\n\n");
                out.write("data: [DONE]\n\n");
            }
            case Script.ErrorInStream(String type, String message) -> out.write("data: {\"error\":{\"message\":" + quote(message)
                    + ",\"type\":" + quote(type) + "}}\n\n");
            case Script.FinishQuietly(String reason) -> out.write(chunk(model, "{}", quote(reason), ""));
            case Script.Stall(long millis) -> stayQuiet(millis);
            case Script.Cut() -> { }
        }
    }
}
