package jarvis.tests.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jarvis.cad.external.OpenScad;
import jarvis.cad.external.Programs;
import jarvis.cad.make.CadMakeException;
import jarvis.cad.make.ScadProgram;
import jarvis.cad.make.TextToCad;
import jarvis.cad.parts.Fit;
import jarvis.app.Core;
import jarvis.app.PartMaker;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.models.ollama.OllamaProvider;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.simulators.ScriptedModelSimulator;
import jarvis.tests.support.Cli;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text to CAD against the Ollama simulator and the real OpenSCAD: a program with a syntax error, then one that falls
 * into two pieces, then a good one; the model is told OpenSCAD's own words (with the line) and the failed check each
 * time, and the part it ends with is checked and parameterised.
 */
class TextToCadTest {

    @TempDir
    Path folder;

    private static final String BROKEN = """
            Here is the clip:
            ```openscad
            length = 40; // [10:200]
            cable = 6; // [2:20]
            difference() {
              cube([length, 10, 8]
              translate([length / 2, -1, 4]) rotate([-90, 0, 0]) cylinder(d = cable, h = 12, $fn = 64);
            }
            ```
            """;

    private static final String TWO_PIECES = """
            ```openscad
            length = 40; // [10:200]
            cable = 6; // [2:20]
            assert(length == 40, "length is 40 mm");
            cube([length / 2 - 2, 10, 8]);
            translate([length / 2 + 2, 0, 0]) cube([length / 2 - 2, 10, 8]);
            ```
            """;

    private static final String GOOD = """
            The clip, fixed:
            ```openscad
            length = 40; // [10:200]
            cable = 6; // [2:20]
            assert(length == 40, "length is 40 mm");
            difference() {
              cube([length, 10, 8]);
              translate([length / 2, -1, 4]) rotate([-90, 0, 0]) cylinder(d = cable, h = 12, $fn = 64);
            }
            ```
            """;

    private TextToCad maker(OllamaSimulator ollama) {
        return new TextToCad(new OllamaProvider(HttpClient.newHttpClient(), Executors.newVirtualThreadPerTaskExecutor(), ollama::baseUrl),
                "qwen2.5-coder:7b", new OpenScad(Programs.openScad(""), Duration.ofSeconds(60)), Duration.ofSeconds(30));
    }

    @Test
    void aBrokenProgramAndAFailedCheckAreRepairedWithOpenScadsOwnWords() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            ollama.enqueue(Script.answer().text(BROKEN).complete("stop", 120, 90));
            ollama.enqueue(Script.answer().text(TWO_PIECES).complete("stop", 300, 80));
            ollama.enqueue(Script.answer().text(GOOD).complete("stop", 400, 90));
            List<String> steps = new ArrayList<>();

            TextToCad.Made made = maker(ollama).make("a 40 mm cable clip for a 6 mm cable", Optional.of(new Fit.Space("Prusa", 250, 210, 210, false)),
                    folder, steps::add, () -> false);

            assertThat(made.repairs()).isEqualTo(2);
            assertThat(made.analysis().closed()).isTrue();
            assertThat(made.analysis().parts()).isEqualTo(1);
            assertThat(made.analysis().sizeX()).isCloseTo(40, within(0.01));
            assertThat(made.program().parameters()).extracting(ScadProgram.Parameter::name).containsExactly("length", "cable");
            assertThat(made.program().parameters().getFirst().max()).contains(200.0);
            List<ScriptedModelSimulator.Received> asked = ollama.received();
            assertThat(asked).hasSize(3);
            String second = asked.get(1).body().path("messages").toString();
            assertThat(second).contains("syntax error in the program, line 5");
            String third = asked.get(2).body().path("messages").toString();
            assertThat(third).contains("2 separate pieces");
            assertThat(steps).contains("Asking qwen2.5-coder:7b to repair it (2 of 3)…");
        }
    }

    @Test
    void theCommandLineMakesThePartAndStoresItWithItsPromptAndProgram() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            ollama.enqueue(Script.answer().text(GOOD).complete("stop", 400, 90));
            Path clip = folder.resolve("clip.stl");

            Cli.Result made = Cli.run(folder, Map.of("OLLAMA_HOST", ollama.baseUrl()), "cad", "make", "a 40 mm cable clip for a 6 mm cable",
                    "-o", clip.toString());

            assertThat(made.status()).as(made.err()).isZero();
            assertThat(made.out()).contains("Made " + clip, "(40.0 × 10.0 × 8.0 mm, a closed solid)", "made by llama3.2 after 0 repairs",
                    "parameters: length=40.0, cable=6.0");
            assertThat(made.err()).contains("Asking llama3.2 for a program…", "Rendering with OpenSCAD…");
            assertThat(clip).isRegularFile();
            try (Core core = new Core(new DataFolder(folder), Map.of())) {
                ArtifactStore artifacts = core.openStorage().artifacts();
                assertThat(artifacts.latest("parts/clip.stl")).hasValueSatisfying(part -> assertThat(part.metadata())
                        .containsEntry("prompt", "a 40 mm cable clip for a 6 mm cable").containsEntry("model", "llama3.2")
                        .containsEntry("parameters", "length=40.0, cable=6.0"));
                String program = artifacts.latest("parts/clip.stl").orElseThrow().metadata().get("program");
                try (var in = artifacts.open(program)) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("assert(length == 40");
                }
                assertThat(core.storage().join().conversations().routes().ofConversation(PartMaker.BENCH)).singleElement().satisfies(route -> {
                    assertThat(route.tier()).isEqualTo(Tier.LOCAL);
                    assertThat(route.reasons()).containsExactly("made by the local model llama3.2 with OpenSCAD after 0 repairs");
                });
            }
        }
    }

    @Test
    void aModelThatNeverGetsItRightOrIsNotThereIsSaid() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            for (int i = 0; i < 4; i++) {
                ollama.enqueue(Script.answer().text(i == 3 ? "I cannot draw that." : BROKEN).complete("stop", 100, 50));
            }
            assertThatThrownBy(() -> maker(ollama).make("a gear", Optional.empty(), folder, step -> { }, () -> false))
                    .isInstanceOf(CadMakeException.class).hasMessageContaining("in 4 tries").hasMessageContaining("no OpenSCAD program");
        }
        OllamaSimulator gone = new OllamaSimulator();
        gone.close();
        assertThatThrownBy(() -> maker(gone).make("a gear", Optional.empty(), folder, step -> { }, () -> false))
                .hasMessageContaining("The local model could not answer");
    }
}
