package jarvis.orchestrator.models.ollama;

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
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Ollama's {@code /api/chat}, streamed as NDJSON. This adapter talks to the API itself rather than through
 * ollama4j: ollama4j's chat neither asks for nor returns token log-probabilities, runs tool calls itself, and
 * has no way to stop a stream half-way (docs/decisions/0007-ollama-chat-without-ollama4j.md).
 */
public final class OllamaProvider extends HttpStreamingProvider {

    /** Candidates asked for per token: the chosen one and the best other, for the margin between them. */
    private static final int RUNNER_UP_CANDIDATES = 2;

    public OllamaProvider(Supplier<HttpClient> http, Executor readers, Supplier<String> baseUrl) {
        super(http, readers, baseUrl);
    }

    public OllamaProvider(HttpClient http, Executor readers, Supplier<String> baseUrl) {
        this(() -> http, readers, baseUrl);
    }

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    protected String describe() {
        return "Ollama at " + baseUrl();
    }

    @Override
    protected HttpRequest request(ChatRequest request) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("stream", true);
        ChatOptions options = request.options();
        // Sent either way: a thinking model left to its default thinks, and its answer then starts late.
        body.put("think", options.thinking());
        if (options.logprobs()) {
            body.put("logprobs", true);
            body.put("top_logprobs", RUNNER_UP_CANDIDATES);
        }
        ObjectNode modelOptions = body.putObject("options");
        if (options.contextTokens() != null) {
            modelOptions.put("num_ctx", options.contextTokens());
        }
        if (options.maxOutputTokens() != null) {
            modelOptions.put("num_predict", options.maxOutputTokens());
        }
        if (options.temperature() != null) {
            modelOptions.put("temperature", options.temperature());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode node = messages.addObject();
            node.put("role", message.role().name().toLowerCase(Locale.ROOT));
            node.put("content", message.content());
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode function = calls.addObject().put("id", call.id()).putObject("function");
                    function.put("name", call.name());
                    function.set("arguments", call.argumentsAreJson() ? call.arguments() : json.createObjectNode());
                }
            }
            if (message.role() == ChatMessage.Role.TOOL) {
                node.put("tool_name", message.toolName());
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
        return post(URI.create(baseUrl() + "/api/chat"), json.writeValueAsString(body)).build();
    }

    @Override
    protected FinishReason read(BufferedReader body, AnswerBuilder answer) throws IOException {
        boolean answerBegun = false;
        for (String line; (line = body.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode chunk = json.readTree(line);
            if (chunk.hasNonNull("error")) {
                // After the answer has begun Ollama keeps status 200 and reports the error as the last line.
                throw new ProviderException(ProviderException.Kind.SERVER_ERROR, "Ollama stopped with an error: "
                        + chunk.get("error").asText() + ". What arrived is kept; ask again.");
            }
            JsonNode message = chunk.path("message");
            answer.thinking(message.path("thinking").asText(""));
            answer.text(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode function = call.path("function");
                JsonNode arguments = function.path("arguments");
                // Older servers send no id; the position stands in for it.
                answer.toolCall(new ToolCall(call.path("id").asText("call_" + answer.toolCallCount()),
                        function.path("name").asText(), arguments.isObject() ? arguments : null, arguments.toString()));
            }
            // Reasoning chunks, and chunks of bare probabilities sent while Ollama's parser holds back a tag, carry
            // tokens that say nothing of the answer: probabilities count from the answer's first text or tool call on.
            answerBegun |= !message.path("content").asText("").isEmpty() || message.path("tool_calls").size() > 0;
            if (answerBegun) {
                answer.logprobs(logprobs(chunk.path("logprobs")));
            }
            if (chunk.path("done").asBoolean(false)) {
                answer.usage(new Usage(chunk.path("prompt_eval_count").asInt(0), chunk.path("eval_count").asInt(0)));
                String reason = chunk.path("done_reason").asText("stop");
                if (reason.equals("length")) {
                    return FinishReason.LENGTH;
                }
                return answer.hasToolCalls() ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            }
        }
        throw cutShort(describe(), null);
    }

    private static List<TokenLogprob> logprobs(JsonNode tokens) {
        List<TokenLogprob> read = new ArrayList<>();
        for (JsonNode token : tokens) {
            String text = token.path("token").asText();
            double chosen = token.path("logprob").asDouble();
            double runnerUp = Double.NaN;
            for (JsonNode candidate : token.path("top_logprobs")) {
                double logprob = candidate.path("logprob").asDouble();
                boolean itself = candidate.path("token").asText().equals(text) && logprob == chosen;
                if (!itself) {
                    runnerUp = Double.isNaN(runnerUp) ? logprob : Math.max(runnerUp, logprob);
                }
            }
            if (chosen <= 0) {
                read.add(new TokenLogprob(text, chosen, runnerUp));
            }
        }
        return read;
    }

    @Override
    protected ProviderException failure(int status, String body, HttpHeaders headers, ChatRequest request) {
        JsonNode member = errorMember(body);
        String error = member.isTextual() ? member.asText() : body.strip();
        return switch (status) {
            case 404 -> new ProviderException(ProviderException.Kind.MODEL_NOT_FOUND, "Ollama has no model '" + request.model()
                    + "' (" + error + "). Pull it in Settings → Models, or run 'ollama pull " + request.model() + "'.");
            case 400 -> new ProviderException(ProviderException.Kind.BAD_REQUEST, "Ollama refused the request: " + error + ".");
            case 401, 403 -> new ProviderException(ProviderException.Kind.UNAUTHORIZED, "Ollama at " + baseUrl()
                    + " refused the request (" + status + ": " + error + "). If it sits behind a proxy, check its key; "
                    + "if it is on another machine, allow this host with OLLAMA_ORIGINS.");
            case 429 -> new ProviderException(ProviderException.Kind.RATE_LIMITED, "Ollama is limiting requests (" + error + "). "
                    + whenToRetry(retryAfter(headers)), retryAfter(headers), null, null);
            case 503 -> new ProviderException(ProviderException.Kind.OVERLOADED, "Ollama is busy (" + error + "). Try again shortly.",
                    retryAfter(headers), null, null);
            default -> new ProviderException(ProviderException.Kind.SERVER_ERROR, "Ollama answered " + status + " (" + error + ").");
        };
    }

}
