package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Jarvis adds to a turn beyond the models' own time, read from the turn's own timestamps: its total from start to
 * result, less the time each model took from the request leaving to the stream's end. For the local route (open, route,
 * stream, score, save, record) and the escalated route (the same, then the gate, the spend query and a cloud call to
 * an instant simulator). The two routes alternate, after 200 turns of each: this is the turn's path once compiled. The
 * baseline is the models' own time in the same turns. Goal: p95 at most 5 ms each. Not measured: the time the
 * stream's callbacks take on the stream's thread, which counts as the model's (token to screen measures it); a turn
 * after minutes of quiet (colder caches, a new thread); long replies; turns running side by side.
 */
@Tag("benchmark")
class TurnOverheadBenchmark {

    /** Turns of each route before measuring: enough for the JIT to compile the turn's path. */
    private static final int WARM_UP = 200;
    private static final int TURNS = 300;
    private static final String KEY = "sk-ant-bench";

    @TempDir
    Path home;

    @Test
    void turnOverheadOnTheLocalAndTheEscalatedRoute() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator(); AnthropicSimulator anthropic = new AnthropicSimulator(KEY);
             ConversationRig rig = new ConversationRig(home, Map.of())) {
            rig.settings.set("ollama.url", ollama.baseUrl());
            rig.settings.set("cloud.provider", "anthropic");
            rig.settings.set("cloud.model", "claude-sonnet-4-5");
            rig.settings.set("cloud.anthropic.baseUrl", anthropic.baseUrl());
            rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret(KEY));

            Route local = new Route(false, () -> {
                ollama.enqueue(Script.answer().textWithLogprob("The printer is idle.", -0.01).complete("stop", 10, 5));
            });
            Route escalated = new Route(true, () -> {
                ollama.enqueue(Script.answer().textWithLogprob("I'm not sure, maybe 3 mm.", -1.5).complete("stop", 30, 8));
                anthropic.enqueue(Script.answer().text("Use a 3.2 mm clearance hole.").complete("stop", 40, 8));
            });
            // The routes take turns, so that both meet the same machine: the same compiled code, the same neighbours.
            for (int i = 0; i < WARM_UP + TURNS; i++) {
                local.turn(rig.service, i >= WARM_UP);
                escalated.turn(rig.service, i >= WARM_UP);
            }
            BenchReport report = new BenchReport("turn-overhead");
            add(report, "local", local.measured);
            add(report, "escalated", escalated.measured);
            report.finish();
        }
    }

    /** One route's turns, in conversations of 20 turns each, as a person's would run. */
    private static final class Route {
        private final boolean escalates;
        private final Runnable script;
        private final List<TurnResult> measured = new ArrayList<>();
        private String conversation;
        private int turns;

        Route(boolean escalates, Runnable script) {
            this.escalates = escalates;
            this.script = script;
        }

        void turn(ConversationService service, boolean measure) {
            if (turns++ % 20 == 0) {
                conversation = null;
            }
            script.run();
            TurnResult result = service.send(new TurnRequest(conversation, "What hole for an M3 bolt?", false, false), TurnListener.NONE)
                    .result().join();
            assertThat(result.answered()).isTrue();
            assertThat(result.route().escalated()).isEqualTo(escalates);
            conversation = result.conversation().id();
            if (measure) {
                measured.add(result);
            }
        }
    }

    private static void add(BenchReport report, String route, List<TurnResult> turns) {
        Percentiles overhead = Percentiles.ofNanos(turns.stream().map(t -> t.timings().overheadNanos()).toList());
        Percentiles models = Percentiles.ofNanos(turns.stream().map(t -> t.timings().modelNanos()).toList());
        Percentiles total = Percentiles.ofNanos(turns.stream().map(t -> t.timings().totalNanos()).toList());
        report.figure(route + "TurnP50Millis", total.p50())
                .figure(route + "BaselineModelP50Millis", models.p50())
                .figure(route + "BaselineModelP95Millis", models.p95())
                .figure(route + "OverheadP50Millis", overhead.p50())
                .figure(route + "TurnOverModelAtP50", total.p50() / models.p50())
                .atMost(route + "OverheadP95Millis", overhead.p95(), 5, "ms");
    }
}
