package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.compose.Part;
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
    private final Map<String, Audio> sounds = Map.of("s1", new Audio(48_000, new float[][] {new float[96_000]}), "p1",
            new Audio(48_000, new float[][] {new float[48_000]}), "p2", new Audio(48_000, new float[][] {new float[40_000]}));
    private final Part bass = new Part(Part.Kind.MELODIC, "electric_bass_finger", 120, 1, 4, List.of(new Part.Note(0, 1, 40, 100)));
    private final List<String> exported = new java.util.ArrayList<>();

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

            @Override
            public CompletableFuture<String> compose(String request, DoubleConsumer progress) {
                return request.contains("drum") ? CompletableFuture.completedFuture("Added drums to Song")
                        : CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(new IllegalStateException("llama3.2 could not write a part")));
            }

            @Override
            public java.util.Optional<Part> part(String sourceId) {
                return sourceId.equals("p1") ? java.util.Optional.of(bass) : sourceId.equals("p2")
                        ? java.util.Optional.of(new Part(Part.Kind.MELODIC, "drawbar_organ", 120, 1, 4, bass.notes())) : java.util.Optional.empty();
            }

            @Override
            public CompletableFuture<Source> replay(String sourceId, String instrument, DoubleConsumer progress) {
                return CompletableFuture.completedFuture(new Source("p2", instrument.replace('_', ' ') + ".wav", 40_000, 2, "a part", 48_000, "a",
                        "b", Instant.now()));
            }

            @Override
            public void exportMidi(String sourceId, Path file) {
                exported.add(sourceId + " to " + file.getFileName());
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
    void aLoopTurnedOffIsKeptAndSavedSo() {
        StudioViewModel model = model(projects.create("Song"));
        model.perform(new Edit.TurnLoop(true));
        assertThat(model.messageProperty().get()).contains("There is no loop region yet");

        model.perform(new Edit.SetLoop(java.util.Optional.of(new Project.Loop(0, 48_000))));
        model.perform(new Edit.TurnLoop(false));

        assertThat(model.project().loop()).contains(new Project.Loop(0, 48_000, false));
        assertThat(model.project().activeLoop()).isEmpty();
        assertThat(new ProjectBook(database, Clock.systemUTC()).find("Song").orElseThrow().loop()).as("read back as saved")
                .contains(new Project.Loop(0, 48_000, false));
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

    @Test
    void aPartIsPlayedByAnotherInstrumentAsOneStepAndItsMidiExported() {
        StudioViewModel model = model(projects.create("Song"));
        model.perform(new Edit.AddTrack(0, jarvis.audio.timeline.Track.empty("t", "electric bass finger")
                .withClip(jarvis.audio.timeline.Clip.of("c", "p1", 0, 48_000))));
        model.importFiles(List.of(Path.of("take.wav")));
        String recorded = model.project().tracks().get(1).clips().getFirst().id();
        assertThat(model.partOfClip("c")).contains(bass);
        assertThat(model.partOfClip(recorded)).isEmpty();

        model.changeInstrument("c", "drawbar_organ");

        assertThat(model.project().tracks().getFirst().name()).isEqualTo("drawbar organ");
        assertThat(model.project().clip("c").orElseThrow()).satisfies(clip -> {
            assertThat(clip.sourceId()).isEqualTo("p2");
            assertThat(clip.length()).as("no longer than the new sound").isEqualTo(40_000);
        });
        assertThat(model.partOfClip("c").orElseThrow().instrument()).isEqualTo("drawbar_organ");
        assertThat(model.history().undoLabel()).contains("Change instrument");
        model.undo();
        assertThat(model.project().clip("c").orElseThrow().sourceId()).isEqualTo("p1");
        assertThat(projects.find("Song").orElseThrow()).isEqualTo(model.project());

        model.exportMidi("c", folder.resolve("bass.mid"));
        assertThat(exported).containsExactly("p1 to bass.mid");
        model.exportMidi(recorded, folder.resolve("take.mid"));
        assertThat(model.messageProperty().get()).contains("Only a part written here has MIDI");
        model.changeInstrument(recorded, "violin");
        assertThat(model.messageProperty().get()).contains("that clip is recorded audio");
        assertThat(exported).hasSize(1);
    }

    @Test
    void aPartDescribedInWordsIsSaidWhetherItLandedOrNot() {
        StudioViewModel model = model(projects.create("Song"));
        model.compose("  ");
        assertThat(model.messageProperty().get()).startsWith("Say what to write first");
        model.compose("a drum loop at 85 bpm");
        assertThat(model.messageProperty().get()).isEqualTo("Added drums to Song");
        model.compose("a bass line");
        assertThat(model.messageProperty().get()).isEqualTo("llama3.2 could not write a part");
        assertThat(model.composingProperty().get()).isZero();
    }

    @Test
    void anotherProjectOpensWithTheOneOnScreenSavedAndItsHistoryLeftBehind() {
        StudioViewModel model = model(projects.create("Song"));
        projects.create("Older");
        model.importFiles(List.of(Path.of("take.wav")));
        Project song = model.project();

        model.openProject(" Demo ");

        assertThat(model.project().name()).isEqualTo("Demo");
        assertThat(model.showing()).isSameAs(model.project());
        assertThat(model.stateProperty().get()).isEqualTo(StudioViewModel.State.EMPTY);
        assertThat(model.history().canUndo()).isFalse();
        assertThat(model.messageProperty().get()).contains("Demo is new");
        assertThat(model.projectNames()).containsExactlyInAnyOrder("Demo", "Song", "Older");
        model.perform(new Edit.SetTempo(90));
        assertThat(projects.find("Demo").orElseThrow().timing().bpm()).isEqualTo(90);

        model.openProject("song");

        assertThat(model.project()).isEqualTo(song);
        assertThat(model.stateProperty().get()).isEqualTo(StudioViewModel.State.READY);
        model.openProject("");
        assertThat(model.messageProperty().get()).isEqualTo("A project needs a name.");
    }

    @Test
    void savesQueuedBeforeASwitchNeverWriteAnOlderCopyAndEditsLandInTheProjectTheyWereFor() {
        java.util.ArrayDeque<Runnable> later = new java.util.ArrayDeque<>();
        Playback silent = new Playback((format, bytes) -> {
            throw new LineUnavailableException("no device in this test");
        });
        StudioViewModel model = new StudioViewModel(library(), projects, silent, projects.create("Song"), later::add, Runnable::run);
        model.perform(new Edit.SetTempo(90));
        model.perform(new Edit.SetTempo(100));
        String song = model.project().id();

        model.openProject("Demo");
        // The background saves queued by the two edits run only now, after the switch saved Song itself.
        while (!later.isEmpty()) {
            later.poll().run();
        }

        assertThat(projects.find("Song").orElseThrow().timing().bpm()).as("the newest copy, not one queued before").isEqualTo(100);
        assertThat(model.performIn(song, new Edit.SetTempo(70))).as("an edit meant for Song does not land in Demo").isFalse();
        assertThat(model.project().timing().bpm()).isEqualTo(120);
        assertThat(model.performIn(model.project().id(), new Edit.SetTempo(80))).isTrue();
        assertThat(model.history().undoLabel()).contains("Change tempo");
    }

    @Test
    void anImportFinishingAfterASwitchLandsInTheProjectItWasDroppedOn() {
        CompletableFuture<Source> slow = new CompletableFuture<>();
        StudioViewModel.Library library = library();
        StudioViewModel.Library waiting = (StudioViewModel.Library) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StudioViewModel.Library.class}, (proxy, method, args) -> method.getName().equals("importFile") ? slow
                        : method.invoke(library, args));
        Playback silent = new Playback((format, bytes) -> {
            throw new LineUnavailableException("no device in this test");
        });
        StudioViewModel model = new StudioViewModel(waiting, projects, silent, projects.create("Song"), Runnable::run, Runnable::run);
        model.importFiles(List.of(Path.of("take.wav")));
        model.openProject("Demo");

        slow.complete(new Source("s1", "take.wav", 96_000, 1, "WAV", 48_000, "a", "b", Instant.now()));

        assertThat(model.project().tracks()).as("Demo, on screen, is left alone").isEmpty();
        assertThat(projects.find("Song").orElseThrow().tracks()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("take"));
        assertThat(model.messageProperty().get()).contains("it is on a new track of Song");
    }
}
