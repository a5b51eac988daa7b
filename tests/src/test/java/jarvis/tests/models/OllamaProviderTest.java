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
import jarvis.orchestrator.models.ollama.OllamaProvider;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ScriptedModelSimulator;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OllamaProviderTest extends ModelProviderContract {

    @Override
    protected ScriptedModelSimulator startSimulator() throws Exception {
        return new OllamaSimulator();
    }

    @Override
    protected ModelProvider provider(String baseUrl, String key) {
        return new OllamaProvider(HttpClient.newHttpClient(), Executors.newVirtualThreadPerTaskExecutor(), () -> baseUrl);
    }

    @Override
    protected String baseUrl(ScriptedModelSimulator simulator) {
        return simulator.baseUrl();
    }

    @Override
    protected String errorType(int status) {
        return "";
    }

    @Test
    void asksForLogprobsContextAndThinkingAndReturnsTheLogprobs() throws Exception {
        simulator.enqueue(Script.answer().textWithLogprob("Yes", -0.01).textWithLogprob(".", -2.5).complete("stop", 3, 2));
        ChatRequest request = new ChatRequest("qwen3:8b", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Ready?")),
                List.of(), new ChatOptions(16384, 256, 0.2, true, true));
        ChatResult result = provider.stream(request, StreamListener.NONE).result().get(10, TimeUnit.SECONDS);
        assertThat(result.logprobs()).extracting(t -> t.logprob()).containsExactly(-0.01, -2.5);

        var sent = simulator.lastRequest().body();
        assertThat(sent.path("model").asText()).isEqualTo("qwen3:8b");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("logprobs").asBoolean()).isTrue();
        assertThat(sent.path("think").asBoolean()).isTrue();
        assertThat(sent.path("options").path("num_ctx").asInt()).isEqualTo(16384);
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(256);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
    }

    @Test
    void sendsToolsAndToolResultsInOllamasShape() throws Exception {
        var mapper = new ObjectMapper();
        ToolCall call = new ToolCall("call_k3", "set_light", mapper.readTree("{\"entity\":\"light.desk\",\"on\":true}"), "");
        ToolSpec tool = new ToolSpec("set_light", "Switch a light", mapper.readTree("{\"type\":\"object\"}"));
        simulator.enqueue(Script.answer().text("Done.").complete("stop", 9, 2));
        provider.stream(new ChatRequest("llama3.2", List.of(ChatMessage.user("Desk light on"), ChatMessage.assistantCalling(List.of(call)),
                ChatMessage.toolResult(call, "ok")), List.of(tool), null), StreamListener.NONE).result().get(10, TimeUnit.SECONDS);
        var sent = simulator.lastRequest().body();
        assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("set_light");
        var assistant = sent.path("messages").get(1);
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").path("entity").asText()).isEqualTo("light.desk");
        var result = sent.path("messages").get(2);
        assertThat(result.path("role").asText()).isEqualTo("tool");
        assertThat(result.path("tool_name").asText()).isEqualTo("set_light");
        assertThat(result.path("tool_call_id").asText()).isEqualTo("call_k3");
    }

    @Test
    void aBusyServerIsOverloadedAndAMissingCapabilityIsABadRequest() throws Exception {
        assertThat(failure(Script.failing(503, "", "server busy, please try again.  maximum pending requests exceeded")).kind())
                .isEqualTo(ProviderException.Kind.OVERLOADED);
        ProviderException noTools = failure(Script.failing(400, "", "registry.ollama.ai/library/gemma:2b does not support tools"));
        assertThat(noTools.kind()).isEqualTo(ProviderException.Kind.BAD_REQUEST);
        assertThat(noTools.getMessage()).contains("does not support tools");
    }

    @Test
    void anUnknownModelSaysHowToPullIt() throws Exception {
        assertThat(failure(Script.failing(404, "", "model 'test-model' not found")).getMessage()).contains("ollama pull test-model");
    }
}
