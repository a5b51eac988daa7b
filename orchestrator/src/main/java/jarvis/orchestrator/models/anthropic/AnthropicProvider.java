package jarvis.orchestrator.models.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.orchestrator.models.AnswerBuilder;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.HttpStreamingProvider;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.SseReader;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Anthropic Messages, streamed as server-sent events. System messages become the top-level {@code system};
 * tool results travel as {@code tool_result} blocks in a user message; tool input arrives as JSON fragments per
 * content block. {@code ping} and unknown events are ignored.
 */
public final class AnthropicProvider extends HttpStreamingProvider {

    private static final String VERSION = "2023-06-01";
    private static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int THINKING_BUDGET = 2048;

    private final Supplier<Optional<String>> apiKey;

    public AnthropicProvider(Supplier<HttpClient> http, Executor readers, Supplier<String> baseUrl, Supplier<Optional<String>> apiKey) {
        super(http, readers, baseUrl);
        this.apiKey = apiKey;
    }

    public AnthropicProvider(HttpClient http, Executor readers, Supplier<String> baseUrl, Supplier<Optional<String>> apiKey) {
        this(() -> http, readers, baseUrl, apiKey);
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    protected String describe() {
        return "the Anthropic API at " + baseUrl();
    }

    @Override
    protected HttpRequest request(ChatRequest request) throws IOException {
        ObjectNode body = json.createObjectNode();
        ChatOptions options = request.options();
        int maxTokens = options.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : options.maxOutputTokens();
        body.put("model", request.model());
        body.put("stream", true);
        if (options.thinking()) {
            maxTokens = Math.max(maxTokens, THINKING_BUDGET + 1024);
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", THINKING_BUDGET);
        } else if (options.temperature() != null) {
            body.put("temperature", options.temperature());
        }
        body.put("max_tokens", maxTokens);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        ObjectNode last = null;
        for (ChatMessage message : request.messages()) {
            if (message.role() == ChatMessage.Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n\n").append(message.content());
                continue;
            }
            String role = message.role() == ChatMessage.Role.ASSISTANT ? "assistant" : "user";
            // Consecutive messages of one role (several tool results, say) travel as one message of blocks.
            if (last == null || !last.path("role").asText().equals(role)) {
                last = messages.addObject().put("role", role);
                last.putArray("content");
            }
            ArrayNode content = (ArrayNode) last.get("content");
            switch (message.role()) {
                case TOOL -> content.addObject().put("type", "tool_result").put("tool_use_id", message.toolCallId())
                        .put("content", message.content());
                default -> {
                    if (!message.content().isEmpty()) {
                        content.addObject().put("type", "text").put("text", message.content());
                    }
                    for (ToolCall call : message.toolCalls()) {
                        content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                                .set("input", call.argumentsAreJson() ? call.arguments() : json.createObjectNode());
                    }
                }
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", tool.parameters());
            }
        }
        HttpRequest.Builder builder = post(URI.create(baseUrl() + "/v1/messages"), json.writeValueAsString(body))
                .header("anthropic-version", VERSION)
                .header("Accept", "text/event-stream");
        apiKey.get().ifPresent(key -> builder.header("x-api-key", key));
        return builder.build();
    }

    /** A content block whose pieces are still arriving. */
    private record Block(String type, String id, String name, StringBuilder input) {}

    @Override
    protected FinishReason read(BufferedReader body, AnswerBuilder answer) throws IOException {
        SseReader events = new SseReader(body);
        Map<Integer, Block> blocks = new HashMap<>();
        int inputTokens = 0;
        int outputTokens = 0;
        FinishReason finish = FinishReason.STOP;
        for (SseReader.Event event; (event = events.next()) != null; ) {
            JsonNode data = json.readTree(event.data());
            String type = data.path("type").asText(event.name());
            switch (type) {
                case "message_start" -> {
                    JsonNode usage = data.path("message").path("usage");
                    inputTokens = usage.path("input_tokens").asInt(0);
                    outputTokens = usage.path("output_tokens").asInt(0);
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    blocks.put(data.path("index").asInt(), new Block(block.path("type").asText(), block.path("id").asText(null),
                            block.path("name").asText(null), new StringBuilder()));
                    answer.text(block.path("text").asText(""));
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> answer.text(delta.path("text").asText(""));
                        case "thinking_delta" -> answer.thinking(delta.path("thinking").asText(""));
                        case "input_json_delta" -> {
                            Block block = blocks.get(data.path("index").asInt());
                            if (block != null) {
                                block.input().append(delta.path("partial_json").asText(""));
                            }
                        }
                        default -> { }
                    }
                }
                case "content_block_stop" -> {
                    Block block = blocks.remove(data.path("index").asInt());
                    if (block != null && block.type().equals("tool_use")) {
                        answer.toolCall(toolCall(block));
                    }
                }
                case "message_delta" -> {
                    // Usage in message_delta is cumulative: the last one is the total.
                    outputTokens = data.path("usage").path("output_tokens").asInt(outputTokens);
                    finish = switch (data.path("delta").path("stop_reason").asText("end_turn")) {
                        case "max_tokens" -> FinishReason.LENGTH;
                        case "tool_use" -> FinishReason.TOOL_CALLS;
                        case "refusal" -> FinishReason.REFUSAL;
                        default -> FinishReason.STOP;
                    };
                }
                case "message_stop" -> {
                    answer.usage(new Usage(inputTokens, outputTokens));
                    return finish;
                }
                case "error" -> throw streamError(data.path("error"));
                default -> { }
            }
        }
        throw cutShort(describe(), null);
    }

    private ToolCall toolCall(Block block) {
        String raw = block.input().toString();
        JsonNode input;
        try {
            input = raw.isBlank() ? json.createObjectNode() : json.readTree(raw);
        } catch (IOException e) {
            input = null;
        }
        return new ToolCall(block.id(), block.name(), input != null && input.isObject() ? input : null, raw);
    }

    private ProviderException streamError(JsonNode error) {
        String message = error.path("message").asText("unknown error");
        return switch (error.path("type").asText()) {
            case "overloaded_error" -> new ProviderException(ProviderException.Kind.OVERLOADED, describe()
                    + " is overloaded and stopped mid-answer (" + message + "). What arrived is kept; try again shortly.");
            case "rate_limit_error" -> new ProviderException(ProviderException.Kind.RATE_LIMITED, describe()
                    + " is limiting requests (" + message + "). What arrived is kept.");
            default -> new ProviderException(ProviderException.Kind.SERVER_ERROR, describe() + " stopped with an error: "
                    + message + ". What arrived is kept; ask again.");
        };
    }

    @Override
    protected ProviderException failure(int status, String body, HttpHeaders headers, ChatRequest request) {
        JsonNode error = errorMember(body);
        String type = error.path("type").asText("");
        String message = error.path("message").asText(body.strip());
        return switch (status) {
            case 401, 403 -> new ProviderException(ProviderException.Kind.UNAUTHORIZED, describe() + " refused the API key ("
                    + (type.isEmpty() ? status : type) + "). Check the Anthropic API key in Settings → Secrets.");
            case 402 -> new ProviderException(ProviderException.Kind.BAD_REQUEST, "The Anthropic account cannot pay for this request ("
                    + message + "). Check its billing, or lower the budget in Settings.");
            case 404 -> new ProviderException(ProviderException.Kind.MODEL_NOT_FOUND, describe() + " has no model '"
                    + request.model() + "' (" + message + "). Check cloud.model in Settings.");
            case 429 -> new ProviderException(ProviderException.Kind.RATE_LIMITED, describe() + " is limiting requests ("
                    + message + "). " + whenToRetry(retryAfter(headers)), retryAfter(headers), null, null);
            case 529 -> new ProviderException(ProviderException.Kind.OVERLOADED, describe() + " is overloaded (" + message
                    + "). Try again shortly.", retryAfter(headers), null, null);
            case 400, 413 -> new ProviderException(ProviderException.Kind.BAD_REQUEST, describe() + " refused the request: " + message + ".");
            default -> new ProviderException(ProviderException.Kind.SERVER_ERROR, describe() + " answered " + status + " (" + message + ").");
        };
    }

}
