package jarvis.tests.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.Turn;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole turns through the router, against the Ollama and Anthropic simulators and a real database. */
class ConversationServiceTest {

    private static final String KEY = "sk-ant-test";

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private ConversationRig rig;
    private SettingsService settings;
    private ConversationService service;
    private ConversationStore store;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        anthropic = new AnthropicSimulator(KEY);
        rig = new ConversationRig(home, Map.of());
        settings = rig.settings;
        settings.set("ollama.url", ollama.baseUrl());
        settings.set("cloud.provider", "anthropic");
        settings.set("cloud.model", "claude-sonnet-4-5");
        settings.set("cloud.anthropic.baseUrl", anthropic.baseUrl());
        rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret(KEY));
        store = rig.store;
        service = rig.service;
    }

    @AfterEach
    void stop() {
        rig.close();
        ollama.close();
        anthropic.close();
    }

    private TurnResult ask(TurnRequest request) throws Exception {
        return service.send(request, TurnListener.NONE).result().get(20, TimeUnit.SECONDS);
    }

    private static Script confident(String text) {
        return Script.answer().textWithLogprob(text, -0.02).complete("stop", 30, 5);
    }

    @Test
    void aConfidentLocalAnswerStandsAndEveryPartIsStored() throws Exception {
        ollama.enqueue(confident("The bench light is on."));
        TurnResult result = ask(new TurnRequest(null, "Is the bench light on?", false, false));

        assertThat(result.answered()).isTrue();
        assertThat(result.reply().content()).isEqualTo("The bench light is on.");
        assertThat(result.reply().tier()).isEqualTo("LOCAL");
        assertThat(result.route().tier()).isEqualTo(Tier.LOCAL);
        assertThat(result.route().score()).isGreaterThan(0.9);
        assertThat(result.route().escalated()).isFalse();
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("≥ threshold 0.70"));
        assertThat(result.route().cost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(result.route().tokensIn()).isEqualTo(30);
        assertThat(store.messages(result.conversation().id())).extracting(StoredMessage::role, StoredMessage::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChatMessage.Role.USER, MessageState.COMPLETE),
                        org.assertj.core.groups.Tuple.tuple(ChatMessage.Role.ASSISTANT, MessageState.COMPLETE));
        assertThat(service.routes().find(result.route().id())).isPresent();
        assertThat(ollama.lastRequest().body().path("logprobs").asBoolean()).isTrue();
        assertThat(ollama.lastRequest().body().path("options").path("num_ctx").asInt()).isEqualTo(8192);
    }

    @Test
    void aHesitantLocalAnswerEscalatesAndIsKeptBesideTheCloudAnswer() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("I'm not sure, maybe 3 mm.", -1.5).complete("stop", 30, 8));
        anthropic.enqueue(Script.answer().text("Use a 3.2 mm ", "clearance hole.").complete("stop", 1000, 2000));
        List<String> events = new CopyOnWriteArrayList<>();
        TurnResult result = service.send(new TurnRequest(null, "What hole for an M3 bolt?", false, false), new TurnListener() {
            @Override public void onReplyStarted(StoredMessage reply, Tier tier, String model) { events.add("start " + tier); }
            @Override public void onEscalation(String reason) { events.add("escalate"); }
        }).result().get(20, TimeUnit.SECONDS);

        assertThat(events).containsExactly("start LOCAL", "escalate", "start CLOUD");
        assertThat(result.reply().content()).isEqualTo("Use a 3.2 mm clearance hole.");
        assertThat(result.reply().tier()).isEqualTo("CLOUD");
        assertThat(result.replacedLocalAnswer()).map(StoredMessage::content).contains("I'm not sure, maybe 3 mm.");
        assertThat(result.replacedLocalAnswer()).map(StoredMessage::state).contains(MessageState.SUPERSEDED);
        assertThat(result.route().escalated()).isTrue();
        assertThat(result.route().tier()).isEqualTo(Tier.CLOUD);
        assertThat(result.route().score()).isLessThan(0.7);
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("says it is unsure"))
                .anySatisfy(r -> assertThat(r).contains("< threshold 0.70: escalated"));
        assertThat(result.route().cost()).isEqualByComparingTo(new BigDecimal("0.033"));
        assertThat(anthropic.lastRequest().body().path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("What hole for an M3 bolt?");
    }

    @Test
    void aPrivateConversationNeverLeavesTheMachine() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("I don't know.", -2.0).complete("stop", 10, 3));
        TurnResult result = ask(new TurnRequest(null, "Secret project question", true, false));
        assertThat(result.reply().tier()).isEqualTo("LOCAL");
        assertThat(result.route().escalated()).isFalse();
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("not escalated: the conversation is private"));
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void whenOllamaIsDownTheCloudAnswers() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            settings.set("ollama.url", "http://127.0.0.1:" + socket.getLocalPort());
        }
        anthropic.enqueue(Script.answer().text("Cloud here.").complete("stop", 10, 3));
        TurnResult result = ask(new TurnRequest(null, "Hello?", false, false));
        assertThat(result.reply().content()).isEqualTo("Cloud here.");
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("could not be reached: escalated"));
    }

    @Test
    void whenNoModelCanAnswerTheMessageSaysWhatHappenedAndHowToFixIt() throws Exception {
        settings.set("network.offline", "true");
        try (ServerSocket socket = new ServerSocket(0)) {
            settings.set("ollama.url", "http://127.0.0.1:" + socket.getLocalPort());
        }
        TurnResult result = ask(new TurnRequest(null, "Hello?", false, false));
        assertThat(result.answered()).isFalse();
        assertThat(result.reply().state()).isEqualTo(MessageState.FAILED);
        assertThat(result.reply().error()).contains("does not answer").contains("Is it running?")
                .contains("The cloud model was not asked: offline mode is on");
        assertThat(store.messages(result.conversation().id()).getFirst().content()).isEqualTo("Hello?");
    }

    @Test
    void aLocalModelTooSlowToStartIsLeftForTheCloud() throws Exception {
        settings.set("router.firstTokenTimeoutSeconds", "1");
        ollama.enqueue(Script.answer().pause(4_000).text("late").complete("stop", 1, 1));
        anthropic.enqueue(Script.answer().text("In time.").complete("stop", 5, 2));
        TurnResult result = ask(new TurnRequest(null, "Quick one", false, false));
        assertThat(result.reply().content()).isEqualTo("In time.");
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("no first token within 1 s"));
    }

    @Test
    void askingForTheCloudSkipsTheLocalModel() throws Exception {
        anthropic.enqueue(Script.answer().text("Straight from the cloud.").complete("stop", 5, 4));
        TurnResult result = ask(new TurnRequest(null, "Ask the cloud", false, true));
        assertThat(result.reply().tier()).isEqualTo("CLOUD");
        assertThat(ollama.received()).isEmpty();
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("you asked for the cloud model"));
    }

    @Test
    void aSpentBudgetKeepsTheLocalAnswerAndSaysWhy() throws Exception {
        settings.set("cloud.budget.daily", "0");
        ollama.enqueue(Script.answer().textWithLogprob("Perhaps?", -3.0).complete("stop", 5, 2));
        TurnResult result = ask(new TurnRequest(null, "Hard question", false, false));
        assertThat(result.reply().content()).isEqualTo("Perhaps?");
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r).contains("daily budget of $0.00 would be exceeded"));
    }

    @Test
    void stoppingKeepsWhatArrivedAndMarksItStopped() throws Exception {
        ollama.enqueue(Script.answer().text("First part ").pause(5_000).text("never").complete("stop", 1, 1));
        CountDownLatch firstText = new CountDownLatch(1);
        Turn turn = service.send(new TurnRequest(null, "Tell me a long story", false, false), new TurnListener() {
            @Override public void onText(String delta) { firstText.countDown(); }
        });
        assertThat(firstText.await(10, TimeUnit.SECONDS)).isTrue();
        turn.cancel();
        TurnResult result = turn.result().get(10, TimeUnit.SECONDS);
        assertThat(result.reply().state()).isEqualTo(MessageState.STOPPED);
        assertThat(result.reply().content()).isEqualTo("First part ");
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void aReplyIsInTheDatabaseWhileItIsStillArriving() throws Exception {
        ollama.enqueue(Script.answer().text("Shown ", "so far").pause(2_000).text(" and the rest").complete("stop", 1, 1));
        Turn turn = service.send(new TurnRequest(null, "Go", false, false), TurnListener.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.list().stream().flatMap(c -> store.messages(c.id()).stream())
                .anyMatch(m -> m.state() == MessageState.STREAMING && m.content().equals("Shown so far")));
        assertThat(turn.result().get(10, TimeUnit.SECONDS).reply().content()).isEqualTo("Shown so far and the rest");
    }

    @Test
    void theFastPathAnswersCommandsWithoutAModel() throws Exception {
        ollama.enqueue(confident("Hi."));
        TurnResult first = ask(new TurnRequest(null, "Hello", false, false));
        TurnResult privately = ask(TurnRequest.in(first.conversation().id(), "Jarvis, private on please."));
        assertThat(privately.route().tier()).isEqualTo(Tier.FAST_PATH);
        assertThat(privately.conversation().privateMode()).isTrue();
        assertThat(privately.reply().content()).contains("private now");
        TurnResult model = ask(TurnRequest.in(first.conversation().id(), "switch model to qwen3:8b"));
        assertThat(store.find(first.conversation().id()).orElseThrow().model()).isEqualTo("qwen3:8b");
        assertThat(model.route().reasons()).singleElement().asString().contains("command grammar");
        assertThat(ask(TurnRequest.in(first.conversation().id(), "what can you do?")).reply().content()).contains("private on");
        TurnResult fresh = ask(TurnRequest.in(first.conversation().id(), "new conversation"));
        assertThat(fresh.conversation().id()).isNotEqualTo(first.conversation().id());
        assertThat(ollama.received()).hasSize(1);
    }

    @Test
    void aLongConversationDropsItsOldestTurnsToFitAndAHugeMessageIsRefusedBeforeSending() throws Exception {
        settings.set("ollama.contextTokens", "600");
        ollama.enqueue(confident("one"));
        TurnResult first = ask(new TurnRequest(null, "x".repeat(800), false, false));
        for (int i = 0; i < 3; i++) {
            ollama.enqueue(confident("ok " + i));
            ask(TurnRequest.in(first.conversation().id(), "y".repeat(800)));
        }
        assertThat(ollama.lastRequest().body().path("messages").size()).isLessThan(8);
        assertThat(service.routes().since(java.time.Instant.EPOCH).getFirst().reasons())
                .anySatisfy(r -> assertThat(r).contains("left out the").contains("oldest messages"));

        TurnResult huge = ask(TurnRequest.in(first.conversation().id(), "z".repeat(10_000)));
        assertThat(huge.reply().state()).isEqualTo(MessageState.FAILED);
        assertThat(huge.reply().error()).contains("more than the").contains("ollama.contextTokens");
        assertThatThrownBy(() -> service.send(TurnRequest.in(first.conversation().id(), "  "), TurnListener.NONE))
                .hasMessageContaining("empty message");
    }

    @Test
    void aWrongCloudKeyGetsAMessageSayingWhereToFixItAndTheLocalAnswerStands() throws Exception {
        rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret("sk-ant-wrong"));
        ollama.enqueue(Script.answer().textWithLogprob("Maybe 3 mm?", -2.0).complete("stop", 5, 3));
        TurnResult result = ask(new TurnRequest(null, "Which drill?", false, false));
        assertThat(result.reply().state()).isEqualTo(MessageState.FAILED);
        assertThat(result.reply().error()).contains("refused the API key").contains("Settings → Secrets").doesNotContain("sk-ant-wrong");
        List<StoredMessage> messages = store.messages(result.conversation().id());
        assertThat(messages).anySatisfy(m -> {
            assertThat(m.content()).isEqualTo("Maybe 3 mm?");
            assertThat(m.state()).isEqualTo(MessageState.COMPLETE);
        });
        assertThat(messages.getFirst().content()).isEqualTo("Which drill?");
    }

    @Test
    void aLocalModelThatDoesNotExistSaysHowToGetIt() throws Exception {
        settings.set("network.offline", "true");
        ollama.enqueue(Script.failing(404, "", "model 'llama3.2' not found"));
        TurnResult result = ask(new TurnRequest(null, "Hello", false, false));
        assertThat(result.answered()).isFalse();
        assertThat(result.reply().error()).contains("Ollama has no model 'llama3.2'").contains("ollama pull llama3.2")
                .contains("offline mode is on");
    }

    @Test
    void aServerThatDiesMidReplyKeepsWhatArrivedAndSaysSo() throws Exception {
        settings.set("network.offline", "true");
        ollama.enqueue(Script.answer().text("The first ", "words").cut());
        TurnResult result = ask(new TurnRequest(null, "Talk to me", false, false));
        assertThat(result.reply().state()).isEqualTo(MessageState.CUT);
        assertThat(result.reply().content()).isEqualTo("The first words");
        assertThat(result.reply().error()).contains("stopped half-way").contains("What arrived is kept");
    }

    @Test
    void aStopPressedBeforeTheReplyBeginsStopsItAtOnce() throws Exception {
        ollama.enqueue(Script.answer().pause(5_000).text("too late").complete("stop", 1, 1));
        Turn turn = service.send(new TurnRequest(null, "Wait for it", false, false), TurnListener.NONE);
        turn.cancel();
        long started = System.nanoTime();
        TurnResult result = turn.result().get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(result.reply().state()).isEqualTo(MessageState.STOPPED);
        assertThat(result.reply().content()).isEmpty();
        assertThat(store.messages(result.conversation().id()).getFirst().content()).isEqualTo("Wait for it");
    }

    @Test
    void aThinkingModelsReasoningNeverCountsInItsScoreAndThinkingIsTurnedOffOutright() throws Exception {
        // Ollama sends probabilities for the reasoning chunks too; these are low, and must not reach the score.
        ollama.enqueue(Script.answer().thinking("Hmm, M3... maybe 3.4? or 3.2?").thinking(" Let me think again.")
                .textWithLogprob("A 3.2 mm ", -0.01).textWithLogprob("drill.", -0.01).complete("stop", 30, 40));
        TurnResult result = ask(new TurnRequest(null, "Which drill for an M3 clearance hole?", false, false));

        assertThat(result.route().features().tokens()).isEqualTo(2);
        assertThat(result.route().score()).isGreaterThan(0.7);
        assertThat(result.reply().thinking()).contains("maybe 3.4");
        assertThat(ollama.lastRequest().body().path("think").isBoolean()).isTrue();
        assertThat(ollama.lastRequest().body().path("think").asBoolean()).isFalse();
        assertThat(ollama.lastRequest().body().path("top_logprobs").asInt()).isEqualTo(2);
        assertThat(result.route().reasons().getFirst()).doesNotContain("estimated: no top_logprobs");
    }
}
