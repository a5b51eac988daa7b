package jarvis.tests.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.Models;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.OpenAiSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams that never hang and replies never lost: stalls, a missing [DONE], missing usage, a turn that breaks. */
class StreamSafetyTest {

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private OpenAiSimulator openai;
    private ConversationRig rig;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        anthropic = new AnthropicSimulator("sk-ant");
        openai = new OpenAiSimulator("sk-openai");
        rig = new ConversationRig(home, Map.of());
        rig.settings.set("ollama.url", ollama.baseUrl());
        rig.settings.set("models.idleTimeoutSeconds", "1");
        rig.settings.set("cloud.firstTokenTimeoutSeconds", "1");
    }

    @AfterEach
    void stop() {
        rig.close();
        ollama.close();
        anthropic.close();
        openai.close();
    }

    private TurnResult ask(TurnRequest request) throws Exception {
        return rig.service.send(request, TurnListener.NONE).result().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aServerThatStopsSendingWithoutClosingEndsTheTurnAndKeepsWhatArrivedMarkedAsCut() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("Tighten the belt until ", -0.01).stall(15_000));
        long started = System.nanoTime();
        TurnResult result = ask(new TurnRequest(null, "How tight should the belt be?", false, false));

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(result.reply().state()).isEqualTo(MessageState.CUT);
        assertThat(result.reply().content()).isEqualTo("Tighten the belt until ");
        assertThat(result.reply().error()).contains("stopped arriving").contains("1 s").contains("What arrived is kept");
        StoredMessage stored = rig.store.message(result.reply().id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(MessageState.CUT);
        assertThat(stored.content()).isEqualTo("Tighten the belt until ");
    }

    @Test
    void aReplyCutByTheServerIsStoredAsCutNotFinished() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("The first half", -0.01).cut());
        TurnResult result = ask(new TurnRequest(null, "Explain retraction", false, false));
        assertThat(result.reply().state()).isEqualTo(MessageState.CUT);
        assertThat(rig.store.message(result.reply().id()).orElseThrow().state()).isEqualTo(MessageState.CUT);
    }

    @Test
    void aCloudModelThatNeverBeginsFailsTheTurnWithAClearMessage() throws Exception {
        useAnthropic();
        anthropic.enqueue(Script.answer().stall(15_000));
        TurnResult result = ask(new TurnRequest(null, "Hello", false, true));
        assertThat(result.reply().state()).isEqualTo(MessageState.FAILED);
        assertThat(result.reply().error()).contains("no first token within 1 s").contains("cloud.firstTokenTimeoutSeconds");
    }

    @Test
    void anOpenAiCompatibleServerThatClosesAfterItsFinishReasonWithoutDoneGaveAWholeAnswerCountedByEstimate() throws Exception {
        rig.settings.set("cloud.provider", "openai");
        rig.settings.set("cloud.model", "gpt-4.1-mini");
        rig.settings.set("cloud.openai.baseUrl", openai.baseUrlV1());
        rig.secrets.put(SecretName.OPENAI_API_KEY, new Secret("sk-openai"));
        openai.enqueue(Script.answer().text("A 3.2 mm hole ", "gives an M3 bolt clearance.").finishQuietly("stop"));

        TurnResult result = ask(new TurnRequest(null, "Which hole for an M3 bolt?", false, true));

        assertThat(result.reply().state()).isEqualTo(MessageState.COMPLETE);
        assertThat(result.reply().content()).isEqualTo("A 3.2 mm hole gives an M3 bolt clearance.");
        assertThat(result.route().usageEstimated()).isTrue();
        assertThat(result.route().tokensOut()).isEqualTo((int) Math.ceil("A 3.2 mm hole gives an M3 bolt clearance.".length() / 4.0));
        assertThat(result.route().tokensIn()).isPositive();
        assertThat(result.route().cost()).isGreaterThan(BigDecimal.ZERO);
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("estimated"));
        assertThat(rig.service.routes().find(result.route().id()).orElseThrow().usageEstimated()).isTrue();
        assertThat(rig.service.routes().spentSince(java.time.Instant.EPOCH)).isGreaterThan(BigDecimal.ZERO);
    }

    @Test
    void aTurnThatBreaksOnItsWayEndsItsReplyAsFailedWithTheReason() throws Exception {
        Models broken = new Models() {
            @Override public ModelProvider local() { throw new IllegalStateException("the local model setting changed under the turn"); }
            @Override public String localModel() { return "llama3.2"; }
            @Override public String cloudProviderName() { return "none"; }
            @Override public String cloudModel() { return ""; }
            @Override public boolean cloudKeyPresent() { return false; }
            @Override public Optional<ModelProvider> cloud() { return Optional.empty(); }
        };
        RouteLog routes = new RouteLog(rig.database);
        ConversationService service = new ConversationService(rig.store, routes, new RouterFeedback(rig.database, routes, Clock.systemUTC()),
                broken, rig.settings::current, rig.bus, rig.threads, rig.timer, Clock.systemUTC());

        var turn = service.send(new TurnRequest(null, "Anything", false, false), TurnListener.NONE);
        assertThatThrownBy(() -> turn.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        var conversation = rig.store.list().getFirst();
        StoredMessage reply = rig.store.messages(conversation.id()).getLast();
        assertThat(reply.state()).isEqualTo(MessageState.FAILED);
        assertThat(reply.error()).contains("setting changed under the turn");
    }

    private void useAnthropic() throws Exception {
        rig.settings.set("cloud.provider", "anthropic");
        rig.settings.set("cloud.model", "claude-sonnet-4-5");
        rig.settings.set("cloud.anthropic.baseUrl", anthropic.baseUrl());
        rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret("sk-ant"));
    }
}
