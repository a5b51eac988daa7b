package jarvis.orchestrator.models.openai;

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
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * OpenAI-compatible chat completions, streamed as server-sent events: OpenAI, OpenRouter, Perplexity, LM Studio,
 * vLLM. Tool-call arguments arrive as string fragments keyed by index and are joined here; reasoning text, which
 * compatible servers send as {@code reasoning_content} or {@code reasoning}, is kept apart from the answer.
 */
public final class OpenAiProvider extends HttpStreamingProvider {

    private final Supplier<Optional<String>> apiKey;

    public OpenAiProvider(Supplier<HttpClient> http, Executor readers, Supplier<String> baseUrl, Supplier<Optional<String>> apiKey) {
        super(http, readers, baseUrl);
        this.apiKey = apiKey;
    }

    public OpenAiProvider(HttpClient http, Executor readers, Supplier<String> baseUrl, Supplier<Optional<String>> apiKey) {
        this(() -> http, readers, baseUrl, apiKey);
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    protected String describe() {
        return "the OpenAI-compatible API at " + baseUrl();
    }

    @Override
    protected HttpRequest request(ChatRequest request) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ChatOptions options = request.options();
        if (options.maxOutputTokens() != null) {
            body.put("max_completion_tokens", options.maxOutputTokens());
        }
        if (options.temperature() != null) {
            body.put("temperature", options.temperature());
        }
        if (options.logprobs()) {
            body.put("logprobs", true);
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode node = messages.addObject();
            node.put("role", message.role().name().toLowerCase(Locale.ROOT));
            if (message.toolCalls().isEmpty()) {
                node.put("content", message.content());
            } else {
                node.set("content", message.content().isEmpty() ? null : json.getNodeFactory().textNode(message.content()));
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                    entry.putObject("function").put("name", call.name()).put("arguments",
                            call.argumentsAreJson() ? call.arguments().toString() : call.rawArguments());
                }
            }
            if (message.role() == ChatMessage.Role.TOOL) {
                node.put("tool_call_id", message.toolCallId());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", tool.parameters());
            }
        }
        HttpRequest.Builder builder = post(URI.create(baseUrl() + "/chat/completions"), json.writeValueAsString(body))
                .header("Accept", "text/event-stream");
        apiKey.get().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder.build();
    }

    /** A tool call whose pieces are still arriving. */
    private static final class PendingCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    @Override
    protected FinishReason read(BufferedReader body, AnswerBuilder answer) throws IOException {
        SseReader events = new SseReader(body);
        Map<Integer, PendingCall> calls = new TreeMap<>();
        FinishReason finish = null;
        for (SseReader.Event event; (event = events.next()) != null; ) {
            if (event.data().equals("[DONE]")) {
                completeCalls(calls, answer);
                return finish == null ? FinishReason.STOP : finish;
            }
            JsonNode chunk = json.readTree(event.data());
            if (chunk.hasNonNull("error")) {
                throw new ProviderException(ProviderException.Kind.SERVER_ERROR, describe() + " stopped with an error: "
                        + chunk.path("error").path("message").asText(chunk.get("error").toString()) + ". What arrived is kept; ask again.");
            }
            if (chunk.hasNonNull("usage")) {
                JsonNode usage = chunk.get("usage");
                answer.usage(new Usage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0)));
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                answer.thinking(delta.path("reasoning_content").asText(delta.path("reasoning").asText("")));
                answer.text(delta.path("content").asText(""));
                for (JsonNode fragment : delta.path("tool_calls")) {
                    PendingCall call = calls.computeIfAbsent(fragment.path("index").asInt(0), i -> new PendingCall());
                    if (fragment.hasNonNull("id")) {
                        call.id = fragment.get("id").asText();
                    }
                    JsonNode function = fragment.path("function");
                    if (function.hasNonNull("name")) {
                        call.name = function.get("name").asText();
                    }
                    call.arguments.append(function.path("arguments").asText(""));
                }
                List<TokenLogprob> logprobs = new ArrayList<>();
                for (JsonNode token : choice.path("logprobs").path("content")) {
                    logprobs.add(new TokenLogprob(token.path("token").asText(), token.path("logprob").asDouble()));
                }
                answer.logprobs(logprobs);
                if (choice.hasNonNull("finish_reason")) {
                    finish = switch (choice.get("finish_reason").asText()) {
                        case "length" -> FinishReason.LENGTH;
                        case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
                        case "content_filter" -> FinishReason.REFUSAL;
                        default -> FinishReason.STOP;
                    };
                }
            }
        }
        if (finish != null) {
            // Some OpenAI-compatible servers close after the finish_reason without sending [DONE]: the answer is whole.
            completeCalls(calls, answer);
            return finish;
        }
        throw cutShort(describe(), null);
    }

    private void completeCalls(Map<Integer, PendingCall> calls, AnswerBuilder answer) {
        for (Map.Entry<Integer, PendingCall> entry : calls.entrySet()) {
            PendingCall call = entry.getValue();
            String raw = call.arguments.toString();
            JsonNode arguments;
            try {
                arguments = raw.isBlank() ? json.createObjectNode() : json.readTree(raw);
            } catch (IOException e) {
                arguments = null;
            }
            answer.toolCall(new ToolCall(call.id == null ? "call_" + entry.getKey() : call.id, call.name,
                    arguments != null && arguments.isObject() ? arguments : null, raw));
        }
    }

    @Override
    protected ProviderException failure(int status, String body, HttpHeaders headers, ChatRequest request) {
        JsonNode error = errorMember(body);
        String message = error.path("message").asText(body.strip());
        String code = error.path("code").asText(error.path("type").asText(""));
        return switch (status) {
            case 401, 403 -> new ProviderException(ProviderException.Kind.UNAUTHORIZED, describe() + " refused the API key ("
                    + (code.isEmpty() ? status : code) + "). Check the OpenAI-compatible API key in Settings → Secrets.");
            case 404 -> new ProviderException(ProviderException.Kind.MODEL_NOT_FOUND, describe() + " has no model '"
                    + request.model() + "' (" + message + "). Check cloud.model in Settings.");
            case 429 -> code.equals("insufficient_quota")
                    ? new ProviderException(ProviderException.Kind.RATE_LIMITED, "The account's quota at " + baseUrl()
                    + " is used up (" + message + "). Add credit or lower the budget in Settings.", null, null, null)
                    : new ProviderException(ProviderException.Kind.RATE_LIMITED, describe() + " is limiting requests. "
                    + whenToRetry(retryAfter(headers)), retryAfter(headers), null, null);
            case 400 -> new ProviderException(ProviderException.Kind.BAD_REQUEST, describe() + " refused the request: " + message + ".");
            case 503 -> new ProviderException(ProviderException.Kind.OVERLOADED, describe() + " is overloaded (" + message
                    + "). Try again shortly.", retryAfter(headers), null, null);
            default -> new ProviderException(ProviderException.Kind.SERVER_ERROR, describe() + " answered " + status + " (" + message + ").");
        };
    }

}
