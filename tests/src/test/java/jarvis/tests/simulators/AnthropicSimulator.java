package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;

/**
 * Anthropic Messages as PROTOCOLS.md §3 describes them: {@code x-api-key} and {@code anthropic-version}, SSE with
 * {@code event:} lines, {@code ping} events between blocks, text, thinking and tool-use blocks with
 * {@code input_json_delta} fragments, cumulative usage in {@code message_delta}, {@code event: error} mid-stream,
 * 529 {@code overloaded_error}, and {@code GET /v1/models}.
 */
public final class AnthropicSimulator extends ScriptedModelSimulator {

    private final String validKey;

    public AnthropicSimulator(String validKey) throws IOException {
        super("/v1/messages");
        this.validKey = validKey;
        serveModelList("/v1/models", "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\"}],\"has_more\":false}");
    }

    @Override
    protected Refusal checkAuth(Headers headers) {
        String key = headers.getFirst("x-api-key");
        if (key == null || !key.equals(validKey)) {
            return new Refusal(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},"
                    + "\"request_id\":\"req_sim\"}");
        }
        if (headers.getFirst("anthropic-version") == null) {
            return new Refusal(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"anthropic-version: header is required\"}}");
        }
        return null;
    }

    @Override
    protected String contentType() {
        return "text/event-stream";
    }

    @Override
    protected String errorBody(Script.Status status) {
        return "{\"type\":\"error\",\"error\":{\"type\":" + quote(status.type()) + ",\"message\":" + quote(status.message())
                + "},\"request_id\":\"req_sim\"}";
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    @Override
    protected void stream(Script script, JsonNode request, Writer out) throws IOException, InterruptedException {
        int inputTokens = script.ending() instanceof Script.Complete complete ? complete.inputTokens() : 10;
        out.write(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_sim\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":" + quote(request.path("model").asText()) + ",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}"));
        out.write(event("ping", "{\"type\":\"ping\"}"));
        int index = -1;
        String open = null;
        for (Script.Step step : script.steps()) {
            String kind = switch (step) {
                case Script.Text t -> "text";
                case Script.Thinking t -> "thinking";
                case Script.Call c -> "tool_use";
                case Script.Pause p -> open;
            };
            if (open != null && (!open.equals(kind) || kind.equals("tool_use"))) {
                out.write(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
                out.write(event("ping", "{\"type\":\"ping\"}"));
                open = null;
            }
            switch (step) {
                case Script.Text(String text, double logprob) -> {
                    if (open == null) {
                        open = "text";
                        out.write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + ++index
                                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
                    }
                    out.write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                            + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(text) + "}}"));
                }
                case Script.Thinking(String text) -> {
                    if (open == null) {
                        open = "thinking";
                        out.write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + ++index
                                + ",\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"));
                    }
                    out.write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                            + ",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":" + quote(text) + "}}"));
                }
                case Script.Call(String id, String name, String arguments) -> {
                    open = "tool_use";
                    out.write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + ++index
                            + ",\"content_block\":{\"type\":\"tool_use\",\"id\":" + quote(id) + ",\"name\":" + quote(name) + ",\"input\":{}}}"));
                    int half = arguments.length() / 2;
                    for (String part : new String[] {arguments.substring(0, half), arguments.substring(half)}) {
                        out.write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + quote(part) + "}}"));
                    }
                }
                case Script.Pause(long millis) -> Thread.sleep(millis);
            }
        }
        switch (script.ending()) {
            case Script.Complete(String reason, int in, int outTokens) -> {
                if (open != null) {
                    out.write(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
                }
                String stop = switch (reason) {
                    case "length" -> "max_tokens";
                    case "tool_calls" -> "tool_use";
                    default -> "end_turn";
                };
                out.write(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + Math.max(1, outTokens / 2) + "}}"));
                out.write(event("ping", "{\"type\":\"ping\"}"));
                out.write(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outTokens + "}}"));
                out.write(event("message_stop", "{\"type\":\"message_stop\"}"));
            }
            case Script.ErrorInStream(String type, String message) -> out.write(event("error",
                    "{\"type\":\"error\",\"error\":{\"type\":" + quote(type) + ",\"message\":" + quote(message) + "}}"));
            case Script.FinishQuietly(String reason) -> {
                out.write(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}"));
                out.write(event("message_stop", "{\"type\":\"message_stop\"}"));
            }
            case Script.Stall(long millis) -> stayQuiet(millis);
            case Script.Cut() -> { }
        }
    }
}
