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
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
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
import java.util.UUID;

/** The studio's services over one storage: its sources, its projects, and mixing a project down. */
public final class Studio {

    private final SourceLibrary sources;
    private final ProjectBook projects;

    Studio(Core.Storage storage, SettingsService settings, Clock clock) {
        M4aConverter converter = M4aConverter.find(settings.get(SettingsSchema.STUDIO_CONVERTER),
                Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS)));
        this.sources = new SourceLibrary(storage.database(), storage.artifacts(), new SourceImport(new AudioDecoder(converter)), clock);
        this.projects = new ProjectBook(storage.database(), clock);
    }

    public SourceLibrary sources() {
        return sources;
    }

    public ProjectBook projects() {
        return projects;
    }

    /** The edit that puts a source on a new track of its own at the bottom, from the start: what an import or a part does. */
    public static Edit newTrackFor(Project project, Source source) {
        String name = trackName(source.name());
        Track track = Track.empty(UUID.randomUUID().toString(), name).withClip(Clip.of(UUID.randomUUID().toString(), source.id(), 0, source.frames()));
        return new Edit.AddTrack(project.tracks().size(), track);
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

    /** A track's name from a source's file name: the name without its extension. */
    private static String trackName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return stem.isBlank() ? "Audio" : stem;
    }
}
