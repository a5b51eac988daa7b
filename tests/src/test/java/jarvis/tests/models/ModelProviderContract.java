package jarvis.tests.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.Usage;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ScriptedModelSimulator;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every model provider must do, each against its own protocol simulator: stream text, thinking and tool
 * calls in order; report usage and why the answer ended; keep what arrived when a stream is cut, fails or is
 * cancelled; and turn every error status into a failure that says what to do.
 */
public abstract class ModelProviderContract {

    protected static final String KEY = "sk-contract-key";
    protected ScriptedModelSimulator simulator;
    protected ModelProvider provider;

    protected abstract ScriptedModelSimulator startSimulator() throws Exception;

    protected abstract ModelProvider provider(String baseUrl, String key);

    /** The base URL the provider is configured with, for this simulator. */
    protected abstract String baseUrl(ScriptedModelSimulator simulator);

    /** The error type the protocol uses for the given situation in a status body. */
    protected abstract String errorType(int status);

    @BeforeEach
    void start() throws Exception {
        simulator = startSimulator();
        provider = provider(baseUrl(simulator), KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Records what a listener saw, in order. */
    protected static final class Recorder implements StreamListener {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch firstText = new CountDownLatch(1);

        @Override public void onText(String delta) { seen.add("text:" + delta); firstText.countDown(); }
        @Override public void onThinking(String delta) { seen.add("thinking:" + delta); }
        @Override public void onToolCall(ToolCall call) { seen.add("call:" + call.name()); }
        @Override public void onUsage(Usage usage) { seen.add("usage:" + usage.inputTokens() + "/" + usage.outputTokens()); }
    }

    protected ChatResult ask(Script script, StreamListener listener) throws Exception {
        simulator.enqueue(script);
        return provider.stream(ChatRequest.of("test-model", List.of(ChatMessage.user("Hello"))), listener).result().get(10, TimeUnit.SECONDS);
    }

    protected ProviderException failure(Script script) throws Exception {
        simulator.enqueue(script);
        ChatStream stream = provider.stream(ChatRequest.of("test-model", List.of(ChatMessage.user("Hello"))), StreamListener.NONE);
        ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> stream.result().get(10, TimeUnit.SECONDS));
        assertThat(failed).as("the answer should fail").isNotNull();
        assertThat(failed.getCause()).isInstanceOf(ProviderException.class);
        return (ProviderException) failed.getCause();
    }

    @Test
    void streamsTextInOrderAndReportsUsageAndWhyItEnded() throws Exception {
        Recorder recorder = new Recorder();
        ChatResult result = ask(Script.answer().text("The ", "bench ", "is ", "ready.").complete("stop", 21, 4), recorder);
        assertThat(result.text()).isEqualTo("The bench is ready.");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.usage()).isEqualTo(new Usage(21, 4));
        assertThat(recorder.seen).containsSubsequence("text:The ", "text:bench ", "text:is ", "text:ready.", "usage:21/4");
    }

    @Test
    void keepsThinkingApartFromTheAnswer() throws Exception {
        Recorder recorder = new Recorder();
        ChatResult result = ask(Script.answer().thinking("The user greets me.").text("Hi!").complete("stop", 5, 3), recorder);
        assertThat(result.thinking()).isEqualTo("The user greets me.");
        assertThat(result.text()).isEqualTo("Hi!");
        assertThat(recorder.seen).containsSubsequence("thinking:The user greets me.", "text:Hi!");
    }

    @Test
    void assemblesToolCallsWithTheirArguments() throws Exception {
        Recorder recorder = new Recorder();
        ChatResult result = ask(Script.answer()
                .call("call_1", "set_light", "{\"entity\":\"light.bench\",\"on\":true}")
                .call("call_2", "get_state", "{\"entity\":\"sensor.temp\"}")
                .complete("tool_calls", 30, 12), recorder);
        assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.toolCalls()).extracting(ToolCall::id, ToolCall::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_1", "set_light"), org.assertj.core.groups.Tuple.tuple("call_2", "get_state"));
        ToolCall first = result.toolCalls().getFirst();
        assertThat(first.argumentsAreJson()).isTrue();
        assertThat(first.arguments().path("entity").asText()).isEqualTo("light.bench");
        assertThat(first.arguments().path("on").asBoolean()).isTrue();
        assertThat(recorder.seen).containsSubsequence("call:set_light", "call:get_state");
    }

    @Test
    void aLengthLimitIsReported() throws Exception {
        ChatResult result = ask(Script.answer().text("A long ").complete("length", 10, 2), StreamListener.NONE);
        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void aStreamCutMidwayKeepsWhatArrivedAndSaysSo() throws Exception {
        ProviderException cut = failure(Script.answer().text("Half ", "an ").cut());
        assertThat(cut.kind()).isEqualTo(ProviderException.Kind.STREAM_CUT);
        assertThat(cut.getMessage()).contains("stopped half-way").contains("kept");
        assertThat(cut.partial()).map(ChatResult::text).contains("Half an ");
    }

    @Test
    void anErrorAfterTheAnswerBeganKeepsWhatArrived() throws Exception {
        ProviderException failed = failure(Script.answer().text("Started ").errorInStream(errorType(500), "model crashed"));
        assertThat(failed.kind()).isIn(ProviderException.Kind.SERVER_ERROR, ProviderException.Kind.OVERLOADED);
        assertThat(failed.getMessage()).contains("model crashed").contains("kept");
        assertThat(failed.partial()).map(ChatResult::text).contains("Started ");
    }

    @Test
    void aRefusedKeyIsUnauthorizedAndSaysWhereToFixIt() throws Exception {
        ProviderException refused = failure(Script.failing(401, errorType(401), "invalid key"));
        assertThat(refused.kind()).isEqualTo(ProviderException.Kind.UNAUTHORIZED);
        assertThat(refused.getMessage()).containsAnyOf("Settings", "OLLAMA_ORIGINS").doesNotContain(KEY);
        ProviderException forbidden = failure(Script.failing(403, errorType(403), "not allowed"));
        assertThat(forbidden.kind()).isEqualTo(ProviderException.Kind.UNAUTHORIZED);
    }

    @Test
    void anUnknownModelIsNamed() throws Exception {
        ProviderException missing = failure(Script.failing(404, errorType(404), "model 'test-model' not found"));
        assertThat(missing.kind()).isEqualTo(ProviderException.Kind.MODEL_NOT_FOUND);
        assertThat(missing.getMessage()).contains("test-model");
    }

    @Test
    void rateLimitingCarriesWhenToTryAgain() throws Exception {
        ProviderException limited = failure(Script.failing(429, errorType(429), "slow down", 7));
        assertThat(limited.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(limited.getMessage()).contains("7 s");
    }

    @Test
    void aServerErrorIsReportedWithItsStatus() throws Exception {
        ProviderException broken = failure(Script.failing(500, errorType(500), "internal trouble"));
        assertThat(broken.kind()).isEqualTo(ProviderException.Kind.SERVER_ERROR);
        assertThat(broken.getMessage()).contains("500").contains("internal trouble");
    }

    @Test
    void cancellingKeepsWhatArrived() throws Exception {
        simulator.enqueue(Script.answer().text("First ").pause(5_000).text("never").complete("stop", 1, 1));
        Recorder recorder = new Recorder();
        ChatStream stream = provider.stream(ChatRequest.of("test-model", List.of(ChatMessage.user("Hello"))), recorder);
        assertThat(recorder.firstText.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        stream.cancel();
        ChatResult result = stream.result().get(3, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.text()).isEqualTo("First ");
    }

    @Test
    void aServerThatIsDownIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ModelProvider down = provider("http://127.0.0.1:" + port + (baseUrl(simulator).endsWith("/v1") ? "/v1" : ""), KEY);
        ChatStream stream = down.stream(ChatRequest.of("test-model", List.of(ChatMessage.user("Hello"))), StreamListener.NONE);
        CompletionException failed = catchThrowableOfType(CompletionException.class, () -> stream.result().join());
        ProviderException cause = (ProviderException) failed.getCause();
        assertThat(cause.kind()).isEqualTo(ProviderException.Kind.UNREACHABLE);
        assertThat(cause.getMessage()).contains("127.0.0.1:" + port).contains("running");
    }
}
