package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.conversation.ConfiguredModels;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.secrets.EncryptedFileSecretStore;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.SettingsFile;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the orchestrator adds to a turn (router, persistence, events) over the model's own round trip, against an
 * instant Ollama simulator: each turn is paired with a bare provider call made just before it. Goal: p95 under 5 ms.
 */
class TurnOverheadBenchmark {

    private static final int WARM_UP = 60;
    private static final int TURNS = 300;

    @TempDir
    Path home;

    @Test
    void orchestratorOverheadPerTurn() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (OllamaSimulator ollama = new OllamaSimulator(); Database database = TestDatabases.fresh(home)) {
            EventBus bus = new EventBus(threads);
            SettingsService settings = new SettingsService(new SettingsFile(home.resolve("settings.json")), Map.of("OLLAMA_HOST", ollama.baseUrl()), bus);
            Secrets secrets = new Secrets(new EncryptedFileSecretStore(home.resolve("s.enc"), home.resolve("s.key")), Map.of(), bus);
            ConfiguredModels models = new ConfiguredModels(settings::current, secrets, threads);
            ConversationService service = new ConversationService(new ConversationStore(database, Clock.systemUTC()), new RouteLog(database),
                    models, settings::current, bus, threads, timer, Clock.systemUTC());
            String conversation = null;
            List<Long> bare = new ArrayList<>();
            List<Long> overhead = new ArrayList<>();
            List<Long> turns = new ArrayList<>();
            for (int i = 0; i < WARM_UP + TURNS; i++) {
                if (i % 20 == 0) {
                    conversation = null;
                }
                ollama.enqueue(Script.answer().textWithLogprob("Ok.", -0.01).complete("stop", 10, 2));
                long start = System.nanoTime();
                models.local().stream(new ChatRequest("llama3.2", List.of(ChatMessage.user("ping")), List.of(),
                        new ChatOptions(8192, null, null, false, true)), StreamListener.NONE).result().join();
                long bareNanos = System.nanoTime() - start;

                ollama.enqueue(Script.answer().textWithLogprob("Ok.", -0.01).complete("stop", 10, 2));
                start = System.nanoTime();
                TurnResult result = service.send(new TurnRequest(conversation, "Is the printer idle?", false, false), TurnListener.NONE)
                        .result().join();
                long turnNanos = System.nanoTime() - start;
                conversation = result.conversation().id();
                assertThat(result.answered()).isTrue();
                if (i >= WARM_UP) {
                    bare.add(bareNanos);
                    turns.add(turnNanos);
                    overhead.add(Math.max(0, turnNanos - bareNanos));
                }
            }
            Percentiles roundTrip = Percentiles.ofNanos(bare);
            Percentiles added = Percentiles.ofNanos(overhead);
            System.out.printf(java.util.Locale.ROOT, "BENCH turn overhead: simulator round trip %s; whole turn %s; orchestrator adds %s "
                            + "(goal p95 < 5 ms); ratio turn/round trip at p50 %.2f%n",
                    roundTrip, Percentiles.ofNanos(turns), added, Percentiles.ofNanos(turns).p50() / roundTrip.p50());
            assertThat(overhead).hasSize(TURNS);
        } finally {
            threads.shutdownNow();
            timer.shutdownNow();
        }
    }
}
