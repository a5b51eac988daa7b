package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.conversation.ConfiguredModels;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatOptions;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.StreamListener;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        try (OllamaSimulator ollama = new OllamaSimulator(); ConversationRig rig = new ConversationRig(home, Map.of("OLLAMA_HOST", ollama.baseUrl()))) {
            ConfiguredModels models = rig.models;
            ConversationService service = rig.service;
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
        }
    }
}
