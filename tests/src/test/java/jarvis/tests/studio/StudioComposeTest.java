package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.app.Studio;
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

            assertThat(result.summary()).isEqualTo("Added drums to Demo: 4 bars at 120 bpm, 32 notes");
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

    @Test
    void aPartFromTheStudiosFieldIsAJobAndCanBePlayedByAnotherInstrumentAndExported() throws Exception {
        ollama.enqueue(Script.answer().text(WrittenParts.BASS));
        try (Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()))) {
            core.openStorage();
            core.studio().projects().create("Demo");

            String said = core.composeInStudio("a walking bass bar at 120 bpm", fraction -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(said).isEqualTo("Added electric bass finger to Demo: 1 bar at 120 bpm, 4 notes");
            assertThat(core.storage().join().jobs().newest(10)).anySatisfy(job -> assertThat(job.type()).isEqualTo("studio.compose"));
            Studio studio = core.studio();
            String bass = studio.projects().find("Demo").orElseThrow().tracks().getFirst().clips().getFirst().sourceId();
            assertThat(studio.partOf(bass).orElseThrow().instrument()).isEqualTo("electric_bass_finger");

            jarvis.audio.store.Source organ = core.replayInStudio(bass, "drawbar_organ", fraction -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(organ.id()).isNotEqualTo(bass);
            assertThat(organ.name()).isEqualTo("drawbar organ.wav");
            assertThat(core.storage().join().jobs().newest(10)).anySatisfy(job -> assertThat(job.type()).isEqualTo("studio.replay"));
            assertThat(studio.partOf(organ.id()).orElseThrow().notes()).isEqualTo(studio.partOf(bass).orElseThrow().notes());
            Audio before = studio.sources().audio(bass);
            Audio after = studio.sources().audio(organ.id());
            assertThat(rms(after)).as("an organ sounds").isGreaterThan(0.01);
            assertThat(rms(difference(before, after))).as("and not like a bass").isGreaterThan(rms(before) * 0.3);
            java.io.ByteArrayOutputStream midi = new java.io.ByteArrayOutputStream();
            studio.exportMidi(organ.id(), midi);
            Sequence sequence = MidiSystem.getSequence(new java.io.ByteArrayInputStream(midi.toByteArray()));
            assertThat(programs(sequence)).as("the organ's program").containsExactly(16);
            assertThatThrownBy(() -> studio.replay(bass, "kazoo", jarvis.audio.source.Progress.NONE)).hasMessageContaining("not a General MIDI instrument");
        }
    }

    @Test
    void recordedAudioHasNoPartToReplayOrExport() throws Exception {
        ollama.enqueue(Script.answer().text(ComposerTest.loop(85)));
        try (Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()))) {
            core.openStorage();
            Studio.Composed drums = core.studio().compose("a drum loop", java.util.Optional.of("Beats"), jarvis.audio.source.Progress.NONE);
            assertThatThrownBy(() -> core.studio().replay(drums.source().id(), "violin", jarvis.audio.source.Progress.NONE))
                    .hasMessageContaining("drum part plays General MIDI's drum kit");
            String recorded = core.importAudio(jarvis.tests.support.Wavs.tone(home.resolve("take.wav"), 1, 440), fraction -> { })
                    .get(60, java.util.concurrent.TimeUnit.SECONDS).id();
            assertThat(core.studio().partOf(recorded)).isEmpty();
            assertThatThrownBy(() -> core.studio().exportMidi(recorded, new java.io.ByteArrayOutputStream()))
                    .hasMessageContaining("recorded audio, not a part written here");
            assertThatThrownBy(() -> core.studio().replay(recorded, "violin", jarvis.audio.source.Progress.NONE))
                    .hasMessageContaining("recorded audio, not a part written here");
        }
    }

    private static java.util.List<Integer> programs(Sequence sequence) {
        java.util.List<Integer> programs = new java.util.ArrayList<>();
        for (javax.sound.midi.Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof javax.sound.midi.ShortMessage m && m.getCommand() == javax.sound.midi.ShortMessage.PROGRAM_CHANGE) {
                    programs.add(m.getData1());
                }
            }
        }
        return programs;
    }

    private static double rms(Audio audio) {
        double sum = 0;
        for (int c = 0; c < audio.channelCount(); c++) {
            for (float sample : audio.channel(c)) {
                sum += sample * sample;
            }
        }
        return Math.sqrt(sum / ((double) audio.frames() * audio.channelCount()));
    }

    private static Audio difference(Audio a, Audio b) {
        float[][] out = new float[a.channelCount()][a.frames()];
        for (int c = 0; c < out.length; c++) {
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = a.channel(c)[i] - b.channel(c)[i];
            }
        }
        return new Audio(a.rate(), out);
    }
}
