package jarvis.tests.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.app.PartMaker;
import jarvis.cad.make.CadMakeException;
import jarvis.cad.make.ZooTextToCad;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.tests.cli.CadCommandTest;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ZooSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zoo's text to CAD against its simulator: a job posted, polled through its states and its STL and STEP written; each
 * way Zoo says no (a failed job, nothing made, a wrong token, no credit, a job that never ends, no server) said in
 * words. Then the escalation as the cad_make tool does it: the local model fails, and Zoo is asked only when the
 * chat's cloud rules allow (a token, not offline, not a private conversation, within the budget), every decision in
 * the route log with Zoo's price.
 */
class ZooTextToCadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private final ZooSimulator zoo = new ZooSimulator("zoo-token");
    private OllamaSimulator ollama;
    private Core core;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
        zoo.close();
        ollama.close();
    }

    private ZooTextToCad client(String token, Duration limit) {
        return new ZooTextToCad(HttpClient.newHttpClient(), URI.create(zoo.baseUrl()), token, Duration.ofMillis(300), limit);
    }

    @Test
    void aJobIsPolledUntilItsPartArrivesAsStlAndStep() throws Exception {
        byte[] cube = CadCommandTest.box(20, 20, 20, false);
        zoo.then(new ZooSimulator.Ending.Made(cube, "ISO-10303-21;\nEND-ISO-10303-21;\n".getBytes()));
        List<String> steps = new ArrayList<>();

        ZooTextToCad.Made made = client("zoo-token", Duration.ofSeconds(20)).make("a 20 mm cube", folder, steps::add, () -> false);

        assertThat(Files.readAllBytes(made.stl())).isEqualTo(cube);
        assertThat(made.step()).hasValueSatisfying(step -> assertThat(step).content().startsWith("ISO-10303-21;"));
        assertThat(made.code()).hasValueSatisfying(code -> assertThat(code).contains("startSketchOn"));
        assertThat(steps).containsExactly("Asking Zoo's text to CAD…", "Zoo's text to CAD: queued…", "Zoo's text to CAD: in progress…");
        assertThat(zoo.prompts()).containsExactly("a 20 mm cube");
    }

    @Test
    void everyWayZooSaysNoIsSaidInWords() {
        zoo.then(new ZooSimulator.Ending.Failed("The prompt must clearly describe a CAD model"));
        assertThatThrownBy(() -> client("zoo-token", Duration.ofSeconds(20)).make("a tiger", folder, step -> { }, () -> false))
                .isInstanceOf(CadMakeException.class).hasMessage("Zoo could not make the part: The prompt must clearly describe a CAD model.")
                .satisfies(e -> assertThat(((CadMakeException) e).afterPaidWork()).isTrue());

        zoo.then(new ZooSimulator.Ending.Made(new byte[0], null));
        assertThatThrownBy(() -> client("zoo-token", Duration.ofSeconds(20)).make("a cube", folder, step -> { }, () -> false))
                .hasMessageContaining("sent no STL");

        assertThatThrownBy(() -> client("wrong", Duration.ofSeconds(20)).make("a cube", folder, step -> { }, () -> false))
                .hasMessageContaining("Zoo refused the API token (HTTP 401: The API token is not valid or has expired.)")
                .hasMessageContaining("Settings ▸ Secrets").satisfies(e -> assertThat(((CadMakeException) e).afterPaidWork()).isFalse());

        zoo.then(new ZooSimulator.Ending.Refused(402, "payment_required", "Your account has no credits left."));
        assertThatThrownBy(() -> client("zoo-token", Duration.ofSeconds(20)).make("a cube", folder, step -> { }, () -> false))
                .hasMessageContaining("payment is required (HTTP 402: Your account has no credits left.)");

        zoo.then(new ZooSimulator.Ending.Stuck());
        assertThatThrownBy(() -> client("zoo-token", Duration.ofMillis(800)).make("a cube", folder, step -> { }, () -> false))
                .hasMessageContaining("Zoo did not finish the part within 1 s").hasMessageContaining("still in_progress");

        zoo.then(new ZooSimulator.Ending.Stuck());
        assertThatThrownBy(() -> client("zoo-token", Duration.ofSeconds(20)).make("a cube", folder, step -> { }, () -> true))
                .hasMessageContaining("cancelled").satisfies(e -> assertThat(((CadMakeException) e).stopped()).isTrue());

        ZooTextToCad nowhere = new ZooTextToCad(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:9"), "zoo-token", Duration.ofMillis(300),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> nowhere.make("a cube", folder, step -> { }, () -> false)).hasMessageContaining("Could not reach Zoo at http://127.0.0.1:9/");
    }

    /** A Jarvis whose local model never writes a working program, with Zoo at the simulator and its token set when {@code token}. */
    private Core.Storage jarvis(boolean token) throws Exception {
        for (int i = 0; i < 4 * 4; i++) {
            ollama.enqueue(Script.answer().text("I cannot draw that.").complete("stop", 100, 20));
        }
        core = new Core(new DataFolder(folder), token ? Map.of("OLLAMA_HOST", ollama.baseUrl(), "ZOO_API_TOKEN", "zoo-token")
                : Map.of("OLLAMA_HOST", ollama.baseUrl()));
        Core.Storage storage = core.openStorage();
        core.settings().set("cad.zoo.url", zoo.baseUrl());
        return storage;
    }

    private ToolRunner.Ran make(Core.Storage storage, String file, Optional<CallScope> scope) throws Exception {
        return make(storage, file, scope, () -> false);
    }

    private ToolRunner.Ran make(Core.Storage storage, String file, Optional<CallScope> scope, BooleanSupplier stopped) throws Exception {
        var tools = storage.conversations().tools().orElseThrow();
        Tool maker = tools.registry().offerFor("make a cable clip").find("cad_make").orElseThrow();
        return tools.runner().run(maker, JSON.readTree("{\"description\":\"a 40 mm cable clip for a 6 mm cable\",\"file\":\"" + file + "\"}"),
                new ToolRunner.Asker("make a cable clip", "the tester", stopped, scope));
    }

    @Test
    void whenTheLocalModelCannotZooMakesThePartWithinTheCloudRulesAndItsPriceCounts() throws Exception {
        Core.Storage storage = jarvis(true);
        zoo.then(new ZooSimulator.Ending.Made(CadCommandTest.box(40, 10, 8, false), "ISO-10303-21;\nEND-ISO-10303-21;\n".getBytes()));
        assertThat(core.partMaker().whereMade()).as("said in the CAD area before a make").isEqualTo(new PartMaker.WhereMade(true,
                "Made on this machine first; if the local model cannot, the description goes to Zoo's text to CAD (0.50 USD a part, "
                        + "counted in the cloud budget)."));

        ToolRunner.Ran made = make(storage, "clip.stl", Optional.of(new CallScope("conversation-1", false)));

        assertThat(made.card().status()).as(made.card().summary()).isEqualTo(ToolRunner.Status.DONE);
        assertThat(made.card().summary()).isEqualTo("Made clip.stl: 40.0 × 10.0 × 8.0 mm, made by Zoo's text to CAD (the local model could not)");
        assertThat(made.forModel().path("local_model_failed").asText()).contains("in 4 tries");
        assertThat(zoo.prompts()).containsExactly("a 40 mm cable clip for a 6 mm cable");
        Artifact part = storage.artifacts().latest("parts/clip.stl").orElseThrow();
        assertThat(part.metadata()).containsEntry("source", "made from words by Zoo's text to CAD").containsEntry("prompt",
                "a 40 mm cable clip for a 6 mm cable").containsKeys("zoo job", "step", "kcl");
        assertThat(storage.artifacts().find(part.metadata().get("step")).orElseThrow().name()).isEqualTo("zoo/clip.step");
        assertThat(core.partOnBench()).hasValue("clip.stl");
        RouteRecord route = storage.conversations().routes().ofConversation("conversation-1").getFirst();
        assertThat(route.tier()).isEqualTo(Tier.CLOUD);
        assertThat(route.provider()).isEqualTo("zoo");
        assertThat(route.escalated()).isTrue();
        assertThat(route.cost()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(route.reasons()).containsExactly("the local model could not make the part: escalated to Zoo");

        // A private conversation, offline mode and the budget each keep the description on this machine.
        ToolRunner.Ran secret = make(storage, "secret.stl", Optional.of(new CallScope("conversation-2", true)));
        assertThat(secret.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(secret.card().summary()).contains("in 4 tries", "Not sent to Zoo's text to CAD: the conversation is private.");
        assertThat(storage.conversations().routes().ofConversation("conversation-2")).singleElement().satisfies(refused -> {
            assertThat(refused.tier()).isEqualTo(Tier.LOCAL);
            assertThat(refused.reasons()).containsExactly("the local model could not make the part",
                    "not sent to Zoo: the conversation is private");
        });
        core.settings().set("cloud.budget.daily", "0.8");
        ToolRunner.Ran tooDear = make(storage, "dear.stl", Optional.empty());
        assertThat(tooDear.card().summary()).contains("Not sent to Zoo's text to CAD: the daily budget of $0.80 would be exceeded ($0.50 spent today)");
        core.settings().set("network.offline", "true");
        ToolRunner.Ran offline = make(storage, "offline.stl", Optional.empty());
        assertThat(offline.card().summary()).contains("Not sent to Zoo's text to CAD: offline mode is on");
        assertThat(core.partMaker().whereMade()).isEqualTo(new PartMaker.WhereMade(false, "Made on this machine only: offline mode is on."));
        assertThat(zoo.prompts()).as("only the first description went to Zoo").hasSize(1);
        assertThat(storage.conversations().routes().ofConversation(PartMaker.BENCH)).hasSize(2);
    }

    @Test
    void aStoppedTurnStopsWaitingForZoosJobAndItsPriceStillCounts() throws Exception {
        Core.Storage storage = jarvis(true);
        core.settings().set("cad.commandSeconds", "120");
        zoo.then(new ZooSimulator.Ending.Stuck());
        long start = System.nanoTime();

        // The person presses Stop once Zoo has the job.
        ToolRunner.Ran stopped = make(storage, "clip.stl", Optional.of(new CallScope("conversation-1", false)), () -> !zoo.prompts().isEmpty());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 120 s Zoo is given").isLessThan(Duration.ofSeconds(60));
        assertThat(stopped.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(stopped.card().summary()).contains("cancelled", "may still finish on zoo.dev");
        assertThat(storage.conversations().routes().ofConversation("conversation-1")).singleElement()
                .satisfies(route -> assertThat(route.cost()).isEqualByComparingTo("0.50"));
        assertThat(storage.artifacts().latest("parts/clip.stl")).isEmpty();
    }

    @Test
    void openScadMissingIsSaidAsSetUpAndNeverSentToZoo() throws Exception {
        ollama.enqueue(Script.answer().text("```openscad\ncube([40, 10, 8]);\n```").complete("stop", 100, 20));
        core = new Core(new DataFolder(folder), Map.of("OLLAMA_HOST", ollama.baseUrl(), "ZOO_API_TOKEN", "zoo-token"));
        Core.Storage storage = core.openStorage();
        core.settings().set("cad.zoo.url", zoo.baseUrl());
        core.settings().set("cad.openscad", folder.resolve("no-openscad-here").toString());

        ToolRunner.Ran made = make(storage, "clip.stl", Optional.empty());

        assertThat(made.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(made.card().summary()).contains("OpenSCAD").doesNotContain("Zoo");
        assertThat(zoo.prompts()).as("a tool to install is not worth a paid cloud call").isEmpty();
        assertThat(storage.conversations().routes().ofConversation(PartMaker.BENCH)).isEmpty();
    }

    @Test
    void withoutAZooTokenTheLocalFailureIsSaidWithWhatToSet() throws Exception {
        Core.Storage storage = jarvis(false);

        ToolRunner.Ran made = make(storage, "clip.stl", Optional.empty());

        assertThat(made.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(made.card().summary()).contains("The model could not write a working program in 4 tries",
                "Not sent to Zoo's text to CAD: no Zoo API token is set (Settings → Secrets).");
        assertThat(zoo.prompts()).isEmpty();
        assertThat(storage.artifacts().latest("parts/clip.stl")).isEmpty();
    }
}
