package jarvis.tests.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.models.anthropic.AnthropicProvider;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ScriptedModelSimulator;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest extends ModelProviderContract {

    @Override
    protected ScriptedModelSimulator startSimulator() throws Exception {
        return new AnthropicSimulator(KEY);
    }

    @Override
    protected ModelProvider provider(String baseUrl, String key) {
        return new AnthropicProvider(HttpClient.newHttpClient(), Executors.newVirtualThreadPerTaskExecutor(), () -> baseUrl,
                () -> Optional.of(key));
    }

    @Override
    protected String baseUrl(ScriptedModelSimulator simulator) {
        return simulator.baseUrl();
    }

    @Override
    protected String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    @Test
    void pingsAnywhereAreIgnoredAndUsageIsTheLastCumulativeCount() throws Exception {
        ChatResult result = ask(Script.answer().text("A").thinking("hmm").text("B").complete("stop", 25, 40), StreamListener.NONE);
        assertThat(result.text()).isEqualTo("AB");
        assertThat(result.usage()).isEqualTo(new Usage(25, 40));
    }

    @Test
    void overloadedIs529AndMidStreamOverloadKeepsWhatArrived() throws Exception {
        ProviderException overloaded = failure(Script.failing(529, "overloaded_error", "Overloaded"));
        assertThat(overloaded.kind()).isEqualTo(ProviderException.Kind.OVERLOADED);
        ProviderException midway = failure(Script.answer().text("Part").errorInStream("overloaded_error", "Overloaded"));
        assertThat(midway.kind()).isEqualTo(ProviderException.Kind.OVERLOADED);
        assertThat(midway.partial()).map(ChatResult::text).contains("Part");
    }

    @Test
    void sendsSystemOnTopToolResultsAsBlocksAndItsHeaders() throws Exception {
        var mapper = new ObjectMapper();
        ToolCall first = new ToolCall("toolu_01", "set_light", mapper.readTree("{\"on\":true}"), "");
        ToolCall second = new ToolCall("toolu_02", "set_fan", mapper.readTree("{\"on\":false}"), "");
        simulator.enqueue(Script.answer().text("Done").complete("stop", 5, 1));
        provider.stream(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.system("You run a workshop."), ChatMessage.user("Light on, fan off"),
                ChatMessage.assistantCalling(List.of(first, second)), ChatMessage.toolResult(first, "ok"), ChatMessage.toolResult(second, "ok"))),
                StreamListener.NONE).result().get(10, TimeUnit.SECONDS);
        var received = simulator.lastRequest();
        assertThat(received.headers().getFirst("x-api-key")).isEqualTo(KEY);
        assertThat(received.headers().getFirst("anthropic-version")).isEqualTo("2023-06-01");
        var sent = received.body();
        assertThat(sent.path("system").asText()).isEqualTo("You run a workshop.");
        assertThat(sent.path("max_tokens").asInt()).isPositive();
        assertThat(sent.path("messages")).hasSize(3);
        assertThat(sent.path("messages").get(1).path("content").get(1).path("type").asText()).isEqualTo("tool_use");
        var results = sent.path("messages").get(2);
        assertThat(results.path("role").asText()).isEqualTo("user");
        assertThat(results.path("content")).hasSize(2);
        assertThat(results.path("content").get(1).path("tool_use_id").asText()).isEqualTo("toolu_02");
    }

    @Test
    void toolInputThatIsNotJsonIsKeptRawAndMarked() throws Exception {
        ChatResult result = ask(Script.answer().call("toolu_9", "set_light", "{\"on\": tru").complete("tool_calls", 3, 3), StreamListener.NONE);
        assertThat(result.toolCalls().getFirst().argumentsAreJson()).isFalse();
        assertThat(result.toolCalls().getFirst().rawArguments()).isEqualTo("{\"on\": tru");
    }
}
