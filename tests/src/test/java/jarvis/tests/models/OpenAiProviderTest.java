package jarvis.tests.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.models.openai.OpenAiProvider;
import jarvis.tests.simulators.OpenAiSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ScriptedModelSimulator;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends ModelProviderContract {

    @Override
    protected ScriptedModelSimulator startSimulator() throws Exception {
        return new OpenAiSimulator(KEY);
    }

    @Override
    protected ModelProvider provider(String baseUrl, String key) {
        return new OpenAiProvider(HttpClient.newHttpClient(), Executors.newVirtualThreadPerTaskExecutor(), () -> baseUrl,
                () -> Optional.of(key));
    }

    @Override
    protected String baseUrl(ScriptedModelSimulator simulator) {
        return ((OpenAiSimulator) simulator).baseUrlV1();
    }

    @Override
    protected String errorType(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> "server_error";
        };
    }

    @Test
    void readsTheUsageOnlyChunkAndStopsAtDone() throws Exception {
        ChatResult result = ask(Script.answer().text("ok").complete("stop", 50, 12), StreamListener.NONE);
        assertThat(result.usage()).isEqualTo(new Usage(50, 12));
        assertThat(simulator.lastRequest().body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(simulator.lastRequest().headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void argumentsThatAreNotJsonAreKeptRawAndMarked() throws Exception {
        ChatResult result = ask(Script.answer().call("call_x", "set_light", "{\"entity\": light.desk").complete("tool_calls", 5, 5),
                StreamListener.NONE);
        ToolCall call = result.toolCalls().getFirst();
        assertThat(call.argumentsAreJson()).isFalse();
        assertThat(call.rawArguments()).isEqualTo("{\"entity\": light.desk");
    }

    @Test
    void returnsLogprobsWhenAskedAndSendsToolsAsFunctions() throws Exception {
        var mapper = new ObjectMapper();
        simulator.enqueue(Script.answer().textWithLogprob("Sure", -0.3).complete("stop", 4, 1));
        ToolCall earlier = new ToolCall("call_a1", "set_light", mapper.readTree("{\"on\":true}"), "{\"on\":true}");
        ChatResult result = provider.stream(new ChatRequest("gpt-4.1-mini", List.of(ChatMessage.user("Light"),
                ChatMessage.assistantCalling(List.of(earlier)), ChatMessage.toolResult(earlier, "ok")),
                List.of(new ToolSpec("set_light", "Switch a light", mapper.readTree("{\"type\":\"object\"}"))),
                ChatOptions.defaults().withLogprobs()), StreamListener.NONE).result().get(10, TimeUnit.SECONDS);
        assertThat(result.logprobs()).extracting(t -> t.logprob()).containsExactly(-0.3);
        var sent = simulator.lastRequest().body();
        assertThat(sent.path("logprobs").asBoolean()).isTrue();
        assertThat(sent.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(sent.path("messages").get(1).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"on\":true}");
        assertThat(sent.path("messages").get(2).path("tool_call_id").asText()).isEqualTo("call_a1");
    }

    @Test
    void aWrongKeyIsRefusedByTheServerItself() throws Exception {
        ModelProvider wrong = provider(baseUrl(simulator), "sk-wrong");
        simulator.enqueue(Script.answer().text("never"));
        var failed = wrong.stream(ChatRequest.of("m", List.of(ChatMessage.user("hi"))), StreamListener.NONE).result().handle((r, e) -> e).get();
        ProviderException cause = (ProviderException) failed;
        assertThat(cause.kind()).isEqualTo(ProviderException.Kind.UNAUTHORIZED);
        assertThat(cause.getMessage()).contains("invalid_api_key").contains("Settings → Secrets").doesNotContain("sk-wrong");
    }

    @Test
    void anExhaustedQuotaIsToldApartFromRateLimiting() throws Exception {
        ProviderException quota = failure(Script.failing(429, "insufficient_quota", "You exceeded your current quota"));
        assertThat(quota.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(quota.getMessage()).contains("quota").contains("used up");
    }
}
