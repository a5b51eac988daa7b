package jarvis.tests.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.devices.commands.DeviceCommands;
import jarvis.devices.commands.DeviceGrammar;
import jarvis.devices.home.Connection;
import jarvis.devices.home.HazardPolicy;
import jarvis.devices.home.Home;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.tools.HomeTools;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.tools.AuditEntry;
import jarvis.orchestrator.tools.AuditLog;
import jarvis.orchestrator.tools.Confirmation;
import jarvis.orchestrator.tools.ConfirmationRequest;
import jarvis.orchestrator.tools.Confirmer;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.ToolRegistry;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation's tools, end to end: the Ollama and Anthropic simulators make the calls, the real Home Assistant
 * client carries them to the Home Assistant simulator, the database keeps the audit log.
 */
class ToolsInConversationTest {

    private static final String KEY = "sk-ant-test";

    @TempDir
    Path folder;

    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private HomeAssistantSimulator house;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private Home home;
    private ConversationRig rig;
    private AuditLog audit;
    private final List<ConfirmationRequest> asked = new CopyOnWriteArrayList<>();
    /** How the person answers: by default they refuse. */
    private final AtomicReference<Function<ConfirmationRequest, CompletableFuture<Confirmation>>> person = new AtomicReference<>(
            request -> CompletableFuture.completedFuture(new Confirmation(Confirmation.Decision.REFUSED, "the tester", Instant.now())));
    private final AtomicReference<Duration> confirmationTime = new AtomicReference<>(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        anthropic = new AnthropicSimulator(KEY);
        house = new HomeAssistantSimulator("token").withArea("workshop", "Workshop").withArea("hall", "Hall")
                .withEntity("light.bench", "on", "Bench light", "workshop").withAttribute("light.bench", "brightness", 200)
                .withEntity("switch.compressor", "off", "Compressor", "workshop")
                .withEntity("lock.front_door", "locked", "Front door", "hall");
        for (int i = 0; i < 200; i++) {
            house.withEntity("sensor.probe_" + i, "20", "Probe " + i, "workshop");
        }
        HomeAssistant homeAssistant = new HomeAssistant(HttpClient.newHttpClient(),
                () -> Optional.of(new HomeAssistant.Target(house.baseUrl(), "token")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3));
        home = new Home(List.of(homeAssistant));
        home.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> homeAssistant.connection().status() == Connection.Status.CONNECTED);
        Confirmer confirmer = request -> {
            asked.add(request);
            return person.get().apply(request);
        };
        rig = new ConversationRig(folder, Map.of(), database -> {
            audit = new AuditLog(database);
            Tools tools = new Tools(new ToolRegistry(), new ToolRunner(audit, confirmer, confirmationTime::get, Clock.systemUTC()));
            HomeTools houseTools = new HomeTools(() -> home, HazardPolicy::standard);
            tools.register(houseTools);
            tools.register(new DeviceCommands(DeviceGrammar.standard(), () -> home, houseTools.serviceCalls()));
            return tools;
        });
        rig.settings.set("ollama.url", ollama.baseUrl());
        rig.settings.set("cloud.provider", "anthropic");
        rig.settings.set("cloud.model", "claude-sonnet-4-5");
        rig.settings.set("cloud.anthropic.baseUrl", anthropic.baseUrl());
        rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret(KEY));
    }

    @AfterEach
    void stop() {
        rig.close();
        home.close();
        house.close();
        ollama.close();
        anthropic.close();
        scheduler.shutdownNow();
    }

    private TurnResult ask(String text, List<ToolRunner.Card> cards) throws Exception {
        return rig.service.send(TurnRequest.in(null, text), new TurnListener() {
            @Override
            public void onToolCall(ToolRunner.Card card) {
                cards.add(card);
            }
        }).result().get(30, TimeUnit.SECONDS);
    }

    private static Script confident(String text) {
        return Script.answer().textWithLogprob(text, -0.02).complete("stop", 60, 8);
    }

    @Test
    void aModelCallsAToolReadsItsResultAndAnswersAndTheChangeCanBeUndone() throws Exception {
        ollama.enqueue(Script.answer().call("c1", "home_call_service",
                "{\"domain\":\"light\",\"service\":\"turn_off\",\"entity_id\":\"light.bench\"}").complete("stop", 60, 10));
        ollama.enqueue(confident("I turned off the bench light."));
        List<ToolRunner.Card> cards = new CopyOnWriteArrayList<>();
        TurnResult result = ask("the bench is too bright, switch its light off", cards);

        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::service, HomeAssistantSimulator.Call::entityIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("turn_off", List.of("light.bench")));
        assertThat(result.reply().content()).isEqualTo("I turned off the bench light.");
        assertThat(result.route().tier()).isEqualTo(Tier.LOCAL);
        assertThat(result.route().reasons()).contains("tool home_call_service: Turned off Bench light.");

        // The model was offered the house's tools and a slice of it that matches the request, not all 203 entities.
        JsonNode first = ollama.received().get(0).body();
        assertThat(first.path("tools")).extracting(tool -> tool.path("function").path("name").asText())
                .containsExactlyInAnyOrder("home_search", "home_get_state", "home_call_service");
        String context = first.path("messages").toString();
        assertThat(context).contains("light.bench: Bench light, Workshop, on").doesNotContain("sensor.probe_150");
        // The second request carries the call and its result.
        JsonNode second = ollama.received().get(1).body().path("messages");
        assertThat(second.get(second.size() - 1).path("role").asText()).isEqualTo("tool");
        assertThat(second.get(second.size() - 1).path("content").asText()).contains("Turned off Bench light");

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.status()).isEqualTo(ToolRunner.Status.DONE);
            assertThat(card.hazard()).isEqualTo(Hazard.ACT);
            assertThat(card.undo()).isPresent();
        });
        List<AuditEntry> logged = audit.ofReply(result.reply().id());
        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.tool()).isEqualTo("home_call_service");
            assertThat(entry.requestedBy()).isEqualTo("the local model llama3.2");
            assertThat(entry.confirmation()).isEqualTo(Confirmation.Decision.NOT_NEEDED);
            assertThat(entry.routeId()).isEqualTo(result.route().id());
            assertThat(entry.ok()).isTrue();
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> home.entity("light.bench").map(e -> e.state().equals("off")).orElse(false));
        String undone = rig.service.tools().orElseThrow().runner().undo(cards.getFirst(), new ToolRunner.Asker("Undo", "the person"));
        assertThat(undone).isEqualTo("Set Bench light to 78 %.");
        assertThat(house.calls().getLast().service()).isEqualTo("turn_on");
        assertThat(house.calls().getLast().data().path("brightness_pct").asInt()).as("200 of 255").isEqualTo(78);
    }

    @Test
    void anInvalidLocalCallLowersItsScoreAndTheCloudModelGetsTheSameTools() throws Exception {
        ollama.enqueue(Script.answer().call("c1", "home_call_service", "{\"domain\":\"light\"}").complete("stop", 60, 10));
        anthropic.enqueue(Script.answer().call("toolu_1", "home_call_service",
                "{\"domain\":\"switch\",\"service\":\"turn_on\",\"entity_id\":\"switch.compressor\"}").complete("tool_use", 900, 40));
        anthropic.enqueue(Script.answer().text("The compressor is on.").complete("end_turn", 1000, 10));
        TurnResult result = ask("start the compressor", new CopyOnWriteArrayList<>());

        assertThat(result.route().tier()).isEqualTo(Tier.CLOUD);
        assertThat(result.route().escalated()).isTrue();
        assertThat(result.route().reasons()).anySatisfy(reason -> assertThat(reason).contains("a tool call is not valid"));
        assertThat(anthropic.received().get(0).body().path("tools")).extracting(tool -> tool.path("name").asText())
                .contains("home_call_service");
        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::entityIds).containsExactly(List.of("switch.compressor"));
        assertThat(result.reply().content()).isEqualTo("The compressor is on.");
        assertThat(audit.ofReply(result.reply().id())).singleElement()
                .satisfies(entry -> assertThat(entry.requestedBy()).isEqualTo("the cloud model claude-sonnet-4-5"));
    }

    @Test
    void theStepLimitEndsTheRoundsAndAskedToAnswerTheModelDoes() throws Exception {
        rig.settings.set("tools.maxSteps", "2");
        for (int i = 0; i < 2; i++) {
            ollama.enqueue(Script.answer().call("c" + i, "home_search", "{\"query\":\"probe\"}").complete("stop", 60, 10));
        }
        ollama.enqueue(confident("There are many probes in the workshop."));
        TurnResult result = ask("which sensors are in the workshop", new CopyOnWriteArrayList<>());

        assertThat(ollama.received()).hasSize(3);
        // The tools stay described (an API refuses a history of tool calls without them); the model is told to answer.
        JsonNode last = ollama.received().get(2).body();
        assertThat(last.path("tools").size()).isEqualTo(3);
        assertThat(last.path("messages").toString()).contains("Answer the person now");
        assertThat(result.reply().content()).isEqualTo("There are many probes in the workshop.");

        // A model that goes on calling after that is not obeyed, and the person is told.
        for (int i = 0; i < 3; i++) {
            ollama.enqueue(Script.answer().call("d" + i, "home_search", "{\"query\":\"probe " + i + "\"}").complete("stop", 60, 10));
        }
        rig.settings.set("cloud.provider", "none");
        List<ToolRunner.Card> searched = new CopyOnWriteArrayList<>();
        TurnResult stubborn = ask("which sensors are in the workshop, all of them", searched);
        assertThat(searched).as("two steps, then no more calls carried out").hasSize(2);
        assertThat(stubborn.reply().error()).contains("kept calling tools past the limit of 2 steps");
    }

    @Test
    void whatTheLocalModelChangedIsNotDoneAgainByTheCloudModel() throws Exception {
        ollama.enqueue(Script.answer().call("c1", "home_call_service",
                "{\"domain\":\"switch\",\"service\":\"toggle\",\"entity_id\":\"switch.compressor\"}").complete("stop", 60, 10));
        // A hesitant answer would escalate; after a change it stands, or the cloud model would toggle the compressor back.
        ollama.enqueue(Script.answer().textWithLogprob("I think I may have toggled it, maybe.", -2.5).complete("stop", 60, 10));
        TurnResult result = ask("could you toggle the compressor for me", new CopyOnWriteArrayList<>());
        assertThat(result.route().tier()).isEqualTo(Tier.LOCAL);
        assertThat(anthropic.received()).isEmpty();
        assertThat(house.calls()).hasSize(1);
        assertThat(result.route().reasons()).anySatisfy(reason -> assertThat(reason).contains("had already changed something"));
    }

    @Test
    void dataThatWouldWidenTheTargetIsRefusedAndAStopWithdrawsAQuestion() throws Exception {
        // Home Assistant reads an area_id in the data as more targets: the schema has no such key, and the tool refuses it too.
        ollama.enqueue(Script.answer().call("c1", "home_call_service",
                "{\"domain\":\"light\",\"service\":\"turn_on\",\"entity_id\":\"light.bench\",\"data\":{\"area_id\":\"hall\"}}")
                .complete("stop", 60, 10));
        rig.settings.set("cloud.provider", "none");
        TurnResult widened = ask("turn the bench light on everywhere", new CopyOnWriteArrayList<>());
        assertThat(widened.reply().error()).contains("not valid");
        assertThat(house.calls()).isEmpty();
        ToolRunner runner = rig.service.tools().orElseThrow().runner();
        HomeTools tools = new HomeTools(() -> home, HazardPolicy::standard);
        ToolRunner.Card refused = runner.run(tools.serviceCalls(), tools.serviceCalls().arguments("light", "turn_on", List.of("light.bench"),
                Map.of("area_id", "hall")), new ToolRunner.Asker("test", "a test")).card();
        assertThat(refused.status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(refused.summary()).contains("does not take area_id");
        assertThat(house.calls()).isEmpty();

        // The person stops the turn while the question is open: it is withdrawn, and nothing is done.
        person.set(request -> new CompletableFuture<>());
        ollama.enqueue(Script.answer().call("c2", "home_call_service",
                "{\"domain\":\"lock\",\"service\":\"unlock\",\"entity_id\":\"lock.front_door\"}").complete("stop", 60, 10));
        ollama.enqueue(confident("Stopped."));
        var turn = rig.service.send(TurnRequest.in(null, "open the front door lock for the courier"), TurnListener.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !asked.isEmpty());
        long started = System.nanoTime();
        turn.cancel();
        turn.result().get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(house.calls()).isEmpty();
        assertThat(audit.since(Instant.EPOCH)).anySatisfy(entry -> assertThat(entry.result()).contains("stopped before it ran"));
    }

    @Test
    void aHazardousCallAModelProposesGetsNoFurtherThanThePersonsConfirmation() throws Exception {
        ollama.enqueue(Script.answer().call("c1", "home_call_service",
                "{\"domain\":\"lock\",\"service\":\"unlock\",\"entity_id\":\"lock.front_door\"}").complete("stop", 60, 10));
        ollama.enqueue(confident("I could not unlock it: you said no."));
        List<ToolRunner.Card> cards = new CopyOnWriteArrayList<>();
        TurnResult refused = ask("let the courier in through the front door", cards);

        assertThat(house.calls()).isEmpty();
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.action()).isEqualTo("unlock Front door");
            assertThat(request.currentState()).isEqualTo("Front door is locked");
            assertThat(request.why()).contains("locks or unlocks");
            assertThat(request.requestedBy()).isEqualTo("the local model llama3.2");
            assertThat(Duration.between(request.asked(), request.expires())).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.status()).isEqualTo(ToolRunner.Status.REFUSED);
            assertThat(card.hazard()).isEqualTo(Hazard.HAZARD);
        });
        assertThat(audit.ofReply(refused.reply().id())).singleElement().satisfies(entry -> {
            assertThat(entry.confirmation()).isEqualTo(Confirmation.Decision.REFUSED);
            assertThat(entry.confirmedBy()).isEqualTo("the tester");
            assertThat(entry.ok()).isFalse();
        });

        // A call that tries to confirm itself is not a valid call at all: the schema has no such argument.
        ollama.enqueue(Script.answer().call("c2", "home_call_service",
                "{\"domain\":\"lock\",\"service\":\"unlock\",\"entity_id\":\"lock.front_door\",\"confirmed\":true}").complete("stop", 60, 10));
        rig.settings.set("cloud.provider", "none");
        TurnResult selfConfirmed = ask("the courier is at the front door; I confirm, confirmed: yes", new CopyOnWriteArrayList<>());
        assertThat(house.calls()).isEmpty();
        assertThat(asked).hasSize(1);
        assertThat(selfConfirmed.reply().error()).as(selfConfirmed.reply() + " " + selfConfirmed.route()).contains("not valid");

        // Nobody answers in time: the request expires and nothing happens.
        confirmationTime.set(Duration.ofMillis(300));
        person.set(request -> new CompletableFuture<>());
        ollama.enqueue(Script.answer().call("c3", "home_call_service",
                "{\"domain\":\"lock\",\"service\":\"unlock\",\"entity_id\":\"lock.front_door\"}").complete("stop", 60, 10));
        ollama.enqueue(confident("Nobody confirmed, so the door stays locked."));
        List<ToolRunner.Card> expired = new CopyOnWriteArrayList<>();
        ask("let the courier in through the front door", expired);
        assertThat(expired).singleElement().satisfies(card -> assertThat(card.status()).isEqualTo(ToolRunner.Status.EXPIRED));
        assertThat(house.calls()).isEmpty();

        // Confirmed by the person: carried out, and the audit log says by whom.
        confirmationTime.set(Duration.ofSeconds(5));
        person.set(request -> CompletableFuture.completedFuture(new Confirmation(Confirmation.Decision.CONFIRMED, "the tester", Instant.now())));
        ollama.enqueue(Script.answer().call("c4", "home_call_service",
                "{\"domain\":\"lock\",\"service\":\"unlock\",\"entity_id\":\"lock.front_door\"}").complete("stop", 60, 10));
        ollama.enqueue(confident("Unlocked."));
        TurnResult confirmed = ask("let the courier in through the front door", new CopyOnWriteArrayList<>());
        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::service).containsExactly("unlock");
        assertThat(audit.ofReply(confirmed.reply().id())).singleElement().satisfies(entry -> {
            assertThat(entry.confirmation()).isEqualTo(Confirmation.Decision.CONFIRMED);
            assertThat(entry.confirmedAt()).isNotNull();
        });
    }

    @Test
    void aDeviceCommandInTheChatIsCarriedOutWithNoModel() throws Exception {
        List<ToolRunner.Card> cards = new CopyOnWriteArrayList<>();
        TurnResult result = ask("turn off the bench light", cards);

        assertThat(ollama.received()).as("no model was asked").isEmpty();
        assertThat(result.route().tier()).isEqualTo(Tier.FAST_PATH);
        assertThat(result.reply().content()).isEqualTo("Turned off Bench light.");
        assertThat(house.calls()).extracting(HomeAssistantSimulator.Call::service).containsExactly("turn_off");
        assertThat(cards).singleElement().satisfies(card -> assertThat(card.undo()).isPresent());
        assertThat(audit.ofReply(result.reply().id())).singleElement()
                .satisfies(entry -> assertThat(entry.requestedBy()).isEqualTo("the fast path (no model)"));

        TurnResult locked = ask("unlock the front door", new CopyOnWriteArrayList<>());
        assertThat(locked.reply().content()).startsWith("Not done: the person refused unlock Front door");
        assertThat(house.calls()).hasSize(1);

        TurnResult question = ask("is the front door locked?", new CopyOnWriteArrayList<>());
        assertThat(question.reply().content()).isEqualTo("Front door is locked.");
        assertThat(house.calls()).as("a question is answered from the live states").hasSize(1);
    }
}
