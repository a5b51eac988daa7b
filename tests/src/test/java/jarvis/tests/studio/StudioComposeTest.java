package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.audio.compose.PartSchema;
import jarvis.audio.source.Audio;
import jarvis.audio.timeline.Project;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolResult;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.Cli;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part from words, end to end against the Ollama simulator: {@code ./jarvis studio compose} and the model's
 * {@code studio_compose} tool write the part, Gervill plays it, and it lands on a new track with its MIDI kept.
 */
class StudioComposeTest {

    @TempDir
    Path home;

    private final OllamaSimulator ollama = new OllamaSimulator().withModel("llama3.2", "completion", "tools");

    StudioComposeTest() throws Exception {}

    @AfterEach
    void close() {
        ollama.close();
    }

    @Test
    void aDrumLoopFromTheCommandLineLandsOnATrackWithItsMidi() throws Exception {
        ollama.enqueue(Script.answer().text(ComposerTest.loop(85)));

        Cli.Result made = Cli.run(home, Map.of("OLLAMA_HOST", ollama.baseUrl()), "studio", "compose", "four-bar lo-fi drum loop at 85 bpm",
                "--project", "Lo-fi");

        assertThat(made.status()).as(made.err()).isZero();
        assertThat(made.out()).contains("Added drums to Lo-fi: 4 bars at 85 bpm, 32 notes, 0:11.3; written by llama3.2.");
        try (Core core = new Core(new DataFolder(home), Map.of())) {
            core.openStorage();
            Project project = core.studio().projects().find("Lo-fi").orElseThrow();
            assertThat(project.tracks()).singleElement().satisfies(track -> assertThat(track.name()).isEqualTo("drums"));
            String sourceId = project.tracks().getFirst().clips().getFirst().sourceId();
            Audio audio = core.studio().sources().audio(sourceId);
            assertThat(audio.seconds()).as("four bars at 85 bpm and the release").isBetween(11.2, 13.0);
            Artifact midi = core.storage().join().artifacts().list("studio/parts/").stream().filter(a -> a.name().endsWith(".mid")).findFirst()
                    .orElseThrow();
            assertThat(midi.metadata()).containsEntry("prompt", "four-bar lo-fi drum loop at 85 bpm").containsEntry("model", "llama3.2")
                    .containsEntry("source", sourceId);
            try (InputStream part = core.storage().join().artifacts().open(midi.metadata().get("part"))) {
                assertThat(PartSchema.read(new String(part.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).notes()).hasSize(32);
            }
            try (InputStream bytes = core.storage().join().artifacts().open(midi.id())) {
                Sequence sequence = MidiSystem.getSequence(bytes);
                assertThat(sequence.getTracks()).hasSize(2);
            }
        }
    }

    @Test
    void theModelsToolComposesIntoTheProjectSavedLast() throws Exception {
        ollama.enqueue(Script.answer().text(ComposerTest.loop(120)));
        try (Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()))) {
            core.openStorage();
            core.studio().projects().create("Demo");
            Tool compose = core.studioTools().tools().stream().filter(t -> t.name().equals("studio_compose")).findFirst().orElseThrow();

            ToolResult result = compose.run(new ObjectMapper().readTree("{\"request\":\"a two-bar beat at 120 bpm\"}"));

            assertThat(result.summary()).isEqualTo("Added drums to Demo (4 bars at 120 bpm)");
            assertThat(result.forModel().path("notes").asInt()).isEqualTo(32);
            assertThat(core.studio().projects().find("Demo").orElseThrow().tracks()).hasSize(1);
            assertThat(core.studioTools().relevantTo("make me a drum loop")).isTrue();
            assertThat(core.studioTools().relevantTo("how hot is the printer bed")).isFalse();
        }
    }

    @Test
    void aModelThatCannotWriteAPartIsSaidAndNothingIsAdded() {
        ollama.enqueue(Script.answer().text("{\"kind\":\"drums\"}"));
        ollama.enqueue(Script.answer().text("{\"kind\":\"drums\"}"));

        Cli.Result made = Cli.run(home, Map.of("OLLAMA_HOST", ollama.baseUrl()), "studio", "compose", "a drum loop", "--project", "Empty");

        assertThat(made.status()).isEqualTo(1);
        assertThat(made.err()).contains("could not write a part that plays");
        assertThat(Cli.run(home, Map.of(), "studio", "projects").out()).doesNotContain("Empty");
    }
}
