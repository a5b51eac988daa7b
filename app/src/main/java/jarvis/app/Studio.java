package jarvis.app;

import jarvis.audio.mix.Mixdown;
import jarvis.audio.mix.Mixer;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Progress;
import jarvis.audio.source.SourceImport;
import jarvis.audio.store.ProjectBook;
import jarvis.audio.store.Source;
import jarvis.audio.store.SourceLibrary;
import jarvis.audio.compose.Composer;
import jarvis.audio.compose.Part;
import jarvis.audio.compose.PartException;
import jarvis.audio.compose.PartRenderer;
import jarvis.audio.compose.PartSchema;
import jarvis.audio.source.Peaks;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Timing;
import jarvis.audio.timeline.Track;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.models.ollama.OllamaStructured;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The studio's services over one storage: its sources, its projects, parts written from words, and mixing a project
 * down. A project open in the Studio area is changed only through the area's own history (an {@link Editor}), so a part
 * composed in conversation lands there as one step to undo, and nothing writes the project behind the area's back.
 */
public final class Studio {

    /** A part made: where it went, the part itself, the model that wrote it, and its sound and MIDI as stored. */
    public record Composed(String project, String track, Part part, String model, boolean retried, Source source, String midiArtifact) {

        /** "Added drums to Lo-fi: 4 bars at 85 bpm, 32 notes". */
        public String summary() {
            return String.format(Locale.ROOT, "Added %s to %s: %s at %.0f bpm, %d notes", track, project, part.barsInWords(), part.bpm(),
                    part.notes().size());
        }
    }

    /** A part as the studio keeps it: the part, its sound as a source, and its MIDI's artifact. */
    public record Kept(Part part, Source source, String midiArtifact) {}

    /**
     * The project open in the Studio area, and how an edit meant for a project (by id) reaches it: through its undo
     * history, on its thread. The future ends true when the edit is done there, false when that project is not the one
     * on screen (by then), or fails with why the edit could not be done.
     */
    public record Editor(Supplier<Project> showing, BiFunction<String, Edit, CompletableFuture<Boolean>> perform) {}

    /** The project the studio works on when none is named and the area has none open. */
    static final String FIRST_PROJECT = "My first song";
    private static final Duration MODEL_LIMIT = Duration.ofMinutes(3);

    private final SourceLibrary sources;
    private final ProjectBook projects;
    private final ArtifactStore artifacts;
    private final SettingsService settings;
    private final HttpClient http;
    private final jarvis.orchestrator.storage.Database database;
    private final Clock clock;
    private volatile Editor editor;

    Studio(Core.Storage storage, SettingsService settings, HttpClient http, Clock clock) {
        M4aConverter converter = M4aConverter.find(settings.get(SettingsSchema.STUDIO_CONVERTER),
                Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS)));
        this.sources = new SourceLibrary(storage.database(), storage.artifacts(), new SourceImport(new AudioDecoder(converter)), clock);
        this.projects = new ProjectBook(storage.database(), clock);
        this.artifacts = storage.artifacts();
        this.settings = settings;
        this.http = http;
        this.database = storage.database();
        this.clock = clock;
    }

    /** The Studio area's project, from now on (null when the area closes). */
    public void editWith(Editor open) {
        this.editor = open;
    }

    /** The name of the project saved last, or of the first one (made when it is opened). */
    public String lastProjectName() {
        return projects.list().stream().findFirst().map(ProjectBook.Summary::name).orElse(FIRST_PROJECT);
    }

    /**
     * A book of projects of its own, for a copy held open a long time (the Studio area's): the revision it saves
     * against is its own copy's, not whatever this studio read last.
     */
    public ProjectBook newBook() {
        return new ProjectBook(database, clock);
    }

    /**
     * Writes the part {@code request} describes with the local model, plays it with the soundfont, stores its sound (a
     * source) and its MIDI, and puts it on a new track: of the project named, else the one open in the Studio area,
     * else the one saved last.
     */
    public Composed compose(String request, Optional<String> projectName, Progress progress) throws PartException, AudioFileException {
        String model = settings.get(SettingsSchema.STUDIO_MODEL).isBlank() ? settings.get(SettingsSchema.OLLAMA_MODEL)
                : settings.get(SettingsSchema.STUDIO_MODEL);
        Composer composer = new Composer(new OllamaStructured(http, () -> settings.get(SettingsSchema.OLLAMA_URL), MODEL_LIMIT), model);
        Composer.Written written = composer.write(request, step -> progress.report(0.05, step));
        progress.checkCancelled();
        Kept kept = keep(written.part(), request, written.model(), SourceLibrary.newId(), progress.part(0.4, 0.95));
        progress.checkCancelled();
        Track track = kept.source().newTrack();
        String projectTitle = place(new Edit.AddTrack(Integer.MAX_VALUE, track), projectName);
        progress.report(1, "Added the " + kept.part().label() + " to " + projectTitle);
        return new Composed(projectTitle, track.name(), kept.part(), written.model(), written.retried(), kept.source(), kept.midiArtifact());
    }

    /**
     * The part a source plays, when it is one written here; empty for imported audio. A part whose notes cannot be
     * read back says so.
     */
    public Optional<Part> partOf(String sourceId) throws PartException {
        Optional<Artifact> json = artifacts.latest(partArtifact(sourceId, "json"));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try (var in = artifacts.open(json.get().id())) {
            return Optional.of(PartSchema.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new PartException("The notes of that part could not be read back from the artifact store: " + e.getMessage(), e);
        }
    }

    /**
     * The part {@code sourceId} plays, played by another General MIDI instrument: a new source (with its own MIDI),
     * the old one left as it is, so the change is an edit to undo.
     */
    public Kept replay(String sourceId, String instrument, Progress progress) throws PartException, AudioFileException {
        return replay(sourceId, instrument, SourceLibrary.newId(), progress);
    }

    /** As {@link #replay(String, String, Progress)}, as source {@code newId}: given back as it is when already stored (a job tried again). */
    Kept replay(String sourceId, String instrument, String newId, Progress progress) throws PartException, AudioFileException {
        Part part = partOf(sourceId).orElseThrow(() -> new PartException(
                "That clip is recorded audio, not a part written here: it has no notes to play with another instrument."));
        Part played = part.playedBy(instrument);
        Optional<Source> done = sources.source(newId);
        if (done.isPresent()) {
            return new Kept(played, done.get(), artifacts.latest(partArtifact(newId, "mid")).map(Artifact::id).orElse(""));
        }
        return keep(played, "the part of " + sourceId + " played by " + instrument, "", newId, progress);
    }

    /** Writes the MIDI of the part {@code sourceId} plays to {@code out}. */
    public void exportMidi(String sourceId, OutputStream out) throws PartException, IOException {
        Optional<Artifact> midi = artifacts.latest(partArtifact(sourceId, "mid"));
        if (midi.isEmpty()) {
            throw new PartException("That clip is recorded audio, not a part written here: it has no MIDI to export.");
        }
        try (var in = artifacts.open(midi.get().id())) {
            in.transferTo(out);
        }
    }

    /** Plays a part with the soundfont and stores its sound (a source), its notes and its MIDI. */
    private Kept keep(Part part, String request, String model, String id, Progress progress) throws PartException, AudioFileException {
        PartRenderer renderer = new PartRenderer(PartRenderer.findSoundfont(settings.get(SettingsSchema.STUDIO_SOUNDFONT)));
        progress.report(0, "Playing the " + part.label() + " with " + renderer.describe() + "…");
        Audio audio = renderer.render(List.of(part), progress.part(0, 0.75));
        String format = String.format(Locale.ROOT, "a part: %s, %s at %.0f bpm, %d notes", part.label(), part.barsInWords(), part.bpm(),
                part.notes().size());
        Source source = sources.add(new SourceImport.Imported(part.label() + ".wav", audio, Peaks.of(audio), format, Timing.RATE, List.of()), id,
                progress.part(0.75, 0.95));
        ByteArrayOutputStream midi = new ByteArrayOutputStream();
        try {
            PartRenderer.writeMidi(PartRenderer.sequence(List.of(part)), midi);
        } catch (IOException e) {
            throw new PartException("The part's MIDI could not be written: " + e.getMessage(), e);
        }
        // The part itself beside its MIDI, as its own artifact: a busy part is longer than metadata holds.
        Artifact json = artifacts.put(partArtifact(id, "json"), "application/json",
                new ByteArrayInputStream(PartSchema.write(part).getBytes(java.nio.charset.StandardCharsets.UTF_8)), Map.of("source", id));
        Artifact kept = artifacts.put(partArtifact(id, "mid"), "audio/midi", new ByteArrayInputStream(midi.toByteArray()),
                Map.of("part", json.id(), "prompt", request.length() > 2000 ? request.substring(0, 2000) : request, "model", model, "source", id));
        return new Kept(part, source, kept.id());
    }

    private static String partArtifact(String sourceId, String extension) {
        return "studio/parts/" + sourceId + "." + extension;
    }

    public SourceLibrary sources() {
        return sources;
    }

    public ProjectBook projects() {
        return projects;
    }

    /** The edit that puts a source on a new track of its own at the bottom, from the start: what an import or a part does. */
    public static Edit newTrackFor(Project project, Source source) {
        return new Edit.AddTrack(project.tracks().size(), source.newTrack());
    }

    /**
     * Puts an edit in the project named (else the one open in the Studio area, else the one saved last): through the
     * area's history when it has that project open, so it is one step to undo there and nothing writes behind it.
     * Returns the project's name.
     */
    private String place(Edit edit, Optional<String> projectName) {
        Editor open = editor;
        Project target = projectName.map(projects::open)
                .orElseGet(() -> open != null ? open.showing().get() : projects.open(lastProjectName()));
        if (open != null) {
            try {
                if (open.perform().apply(target.id(), edit).get(10, TimeUnit.SECONDS)) {
                    return target.name();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (TimeoutException | InterruptedException e) {
                // The area did not take it in time (closing, or busy): the project is changed here instead, and the area's
                // next save says it was changed elsewhere rather than overwriting it.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // Not on screen: changed as saved, read afresh.
        Project saved = projects.find(target.name()).orElse(target);
        projects.save(edit.apply(saved));
        return saved.name();
    }

    /** Stores a WAV the studio made (a mixdown) as a new version of {@code name}. */
    Artifact store(String name, java.io.InputStream wav, Map<String, String> metadata) {
        return artifacts.put(name, "audio/wav", wav, metadata);
    }

    /** The sounds a project's clips play, read from the library. */
    public Map<String, Audio> soundsOf(Project project) throws AudioFileException {
        Set<String> ids = new HashSet<>();
        project.tracks().forEach(t -> t.clips().forEach(c -> ids.add(c.sourceId())));
        Map<String, Audio> sounds = new HashMap<>();
        for (String id : ids) {
            sounds.put(id, sources.audio(id));
        }
        return sounds;
    }

    /** Mixes a project down to a WAV file, written beside it first and moved into place whole. */
    public Mixdown.Result mixdown(Project project, int bits, Path out, Progress progress) throws AudioFileException, IOException {
        Map<String, Audio> sounds = soundsOf(project);
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        Mixdown.Result result;
        try (OutputStream stream = Files.newOutputStream(partial)) {
            result = Mixdown.write(new Mixer(project, sounds::get), bits, stream, progress);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        return result;
    }

}
