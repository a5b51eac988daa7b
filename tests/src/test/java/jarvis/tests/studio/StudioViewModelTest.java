package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.mix.Playback;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Peaks;
import jarvis.audio.store.ProjectBook;
import jarvis.audio.store.Source;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.Project;
import jarvis.orchestrator.storage.Database;
import jarvis.ui.studio.StudioViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Studio area's state without a window: imports onto tracks, edits and their undo, saving, and what a person is told. */
class StudioViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private ProjectBook projects;
    private final List<Project> mixed = new java.util.ArrayList<>();
    private final Map<String, Audio> sounds = Map.of("s1", new Audio(48_000, new float[][] {new float[96_000]}));

    @BeforeEach
    void open() {
        database = Database.openFile(folder.resolve("db").resolve("jarvis"));
        projects = new ProjectBook(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A library that imports one known file and refuses any other, as the import job would. */
    private StudioViewModel.Library library() {
        return new StudioViewModel.Library() {
            @Override
            public CompletableFuture<Source> importFile(Path file, DoubleConsumer progress) {
                progress.accept(0.5);
                if (file.getFileName().toString().equals("take.wav")) {
                    return CompletableFuture.completedFuture(new Source("s1", "take.wav", 96_000, 1, "WAV, 16-bit, 48000 Hz, mono", 48_000, "a", "b",
                            Instant.now()));
                }
                return CompletableFuture.failedFuture(new AudioFileException(file.getFileName() + " is not audio Jarvis can read."));
            }

            @Override
            public Audio audio(String sourceId) {
                return sounds.get(sourceId);
            }

            @Override
            public Peaks peaks(String sourceId) {
                return Peaks.of(sounds.get(sourceId));
            }

            @Override
            public CompletableFuture<String> mixdown(String project, DoubleConsumer progress) {
                mixed.add(projects.find(project).orElseThrow());
                return CompletableFuture.completedFuture("studio/mixdowns/" + project + ".wav");
            }
        };
    }

    private StudioViewModel model(Project project) {
        Playback silent = new Playback((format, bytes) -> {
            throw new LineUnavailableException("no device in this test");
        });
        return new StudioViewModel(library(), projects, silent, project, Runnable::run, Runnable::run);
    }

    @Test
    void anImportedFileLandsOnANewTrackAndTheProjectIsSaved() {
        Project empty = projects.create("Song");
        StudioViewModel model = model(empty);
        assertThat(model.stateProperty().get()).isEqualTo(StudioViewModel.State.EMPTY);

        model.importFiles(List.of(Path.of("take.wav"), Path.of("notes.txt")));

        assertThat(model.project().tracks()).singleElement().satisfies(track -> {
            assertThat(track.name()).isEqualTo("take");
            assertThat(track.clips()).singleElement().satisfies(clip -> assertThat(clip.length()).isEqualTo(96_000));
        });
        assertThat(model.stateProperty().get()).isEqualTo(StudioViewModel.State.READY);
        assertThat(model.messageProperty().get()).isEqualTo("notes.txt is not audio Jarvis can read.");
        assertThat(model.importingProperty().get()).isZero();
        assertThat(model.waveform("s1")).isPresent();
        assertThat(projects.find("Song").orElseThrow()).as("saved after the change").isEqualTo(model.project());
    }

    @Test
    void editsUndoAndTheSavedProjectFollows() {
        StudioViewModel model = model(projects.create("Song"));
        model.importFiles(List.of(Path.of("take.wav")));
        String clip = model.project().tracks().getFirst().clips().getFirst().id();

        model.perform(new Edit.MoveClip(clip, model.project().tracks().getFirst().id(), 48_000));
        model.select(clip);
        model.duplicateSelected();
        assertThat(model.project().tracks().getFirst().clips()).hasSize(2);

        model.undo();
        model.undo();
        assertThat(model.project().clip(clip).orElseThrow().start()).isZero();
        assertThat(projects.find("Song").orElseThrow()).isEqualTo(model.project());
    }

    @Test
    void whatCannotBeDoneIsSaid() {
        StudioViewModel model = model(projects.create("Song"));
        model.play();
        assertThat(model.messageProperty().get()).contains("nothing to play yet");
        model.importFiles(List.of(Path.of("take.wav")));

        model.splitAtPlayhead();
        assertThat(model.messageProperty().get()).contains("The playhead is not inside a clip");
        model.perform(new Edit.DeleteClip("gone"));
        assertThat(model.messageProperty().get()).contains("no clip gone");
        model.play();
        assertThat(model.messageProperty().get()).contains("There is no sound output to play on (no device in this test)");
        assertThat(model.playingProperty().get()).isFalse();
    }

    @Test
    void aProjectChangedElsewhereIsNotOverwritten() {
        StudioViewModel model = model(projects.create("Song"));
        ProjectBook commandLine = new ProjectBook(database, Clock.systemUTC());
        Project there = commandLine.find("Song").orElseThrow();
        commandLine.save(there.withTiming(there.timing().withTempo(90)));

        model.perform(new Edit.SetTempo(100));

        assertThat(model.messageProperty().get()).contains("Song was changed elsewhere");
        assertThat(projects.find("Song").orElseThrow().timing().bpm()).as("the other change kept").isEqualTo(90);
        assertThat(new ProjectBook(database, Clock.systemUTC()).list()).hasSize(1);
    }

    @Test
    void projectNamesAreOneIgnoringCase() {
        projects.create("Demo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> projects.create("demo")).hasMessageContaining("already a project called demo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProjectBook(database, Clock.systemUTC())
                .save(Project.empty("other-id", "DEMO"))).hasMessageContaining("already a project called DEMO");
    }

    @Test
    void aMixdownMixesTheProjectAsItIsOnScreen() {
        StudioViewModel model = model(projects.create("Song"));
        model.mixdown();
        assertThat(model.messageProperty().get()).contains("nothing to mix down yet");
        model.importFiles(List.of(Path.of("take.wav")));

        model.mixdown();

        assertThat(mixed).singleElement().isEqualTo(model.project());
        assertThat(model.messageProperty().get()).isEqualTo("Song is mixed down: studio/mixdowns/Song.wav.");
    }

    @Test
    void aSplitAtThePlayheadCutsTheClipUnderIt() {
        StudioViewModel model = model(projects.create("Song"));
        model.importFiles(List.of(Path.of("take.wav")));
        model.seek(30_000);

        model.splitAtPlayhead();

        assertThat(model.project().tracks().getFirst().clips()).extracting(c -> c.length()).containsExactly(30_000L, 66_000L);
    }
}
