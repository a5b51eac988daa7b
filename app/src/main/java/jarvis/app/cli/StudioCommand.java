package jarvis.app.cli;

import jarvis.app.Core;
import jarvis.app.Studio;
import jarvis.audio.compose.PartException;
import jarvis.audio.mix.Mixdown;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.audio.store.ProjectBook;
import jarvis.audio.store.Source;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Timing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis studio}: audio sources and projects: import files, list projects, mix one down. */
@Command(name = "studio", mixinStandardHelpOptions = true, description = "Music: import audio files, list projects, mix a project down.",
        subcommands = {StudioCommand.Import.class, StudioCommand.Projects.class, StudioCommand.MixdownCommand.class, StudioCommand.Compose.class})
final class StudioCommand implements Runnable {

    @ParentCommand JarvisCommand root;

    @Override
    public void run() {
        root.out().println("Try ./jarvis studio import song.wav --project Demo");
    }

    @Command(name = "import", description = "Imports audio files (WAV, AIFF, MP3, Ogg Vorbis, FLAC, M4A), each onto a new track of a project.")
    static final class Import implements Callable<Integer> {
        @ParentCommand StudioCommand parent;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audio files") List<Path> files;
        @Option(names = "--project", description = "The project to add them to (made when missing; default: Imported)") String project;

        @Override
        public Integer call() {
            PrintWriter out = parent.root.out();
            Core core = parent.root.core();
            core.openStorage();
            Studio studio = core.studio();
            Project into = studio.projects().open(project == null ? "Imported" : project);
            int failed = 0;
            for (Path file : files) {
                Source source;
                try {
                    source = core.importAudio(file, fraction -> { }).join();
                } catch (CompletionException e) {
                    parent.root.err().println("jarvis: " + e.getCause().getMessage());
                    failed++;
                    continue;
                }
                into = Studio.newTrackFor(into, source).apply(into);
                out.println(String.format(Locale.ROOT, "%s: %s, %s; on a new track of %s at %d Hz", file.getFileName(), source.format(),
                        length(source.seconds()), into.name(), Timing.RATE));
            }
            studio.projects().save(into);
            return failed == 0 ? 0 : failed == files.size() ? JarvisCommand.BAD_INPUT : JarvisCommand.FAILED;
        }
    }

    @Command(name = "projects", description = "The studio's projects: tracks, clips, length, last saved.")
    static final class Projects implements Callable<Integer> {
        @ParentCommand StudioCommand parent;

        @Override
        public Integer call() {
            parent.root.core().openStorage();
            List<ProjectBook.Summary> projects = parent.root.core().studio().projects().list();
            if (projects.isEmpty()) {
                parent.root.out().println("No projects yet. Import a file: ./jarvis studio import song.wav --project Demo");
            }
            for (ProjectBook.Summary project : projects) {
                parent.root.out().println(String.format(Locale.ROOT, "%-24s %2d tracks %3d clips  %s  saved %s", project.name(), project.tracks(),
                        project.clips(), length(project.seconds()), project.updated()));
            }
            return 0;
        }
    }

    @Command(name = "mixdown", description = "Mixes a project down to a stereo WAV file at 48 kHz.")
    static final class MixdownCommand implements Callable<Integer> {
        @ParentCommand StudioCommand parent;
        @Parameters(paramLabel = "NAME", description = "The project") String name;
        @Option(names = {"-o", "--output"}, required = true, description = "The WAV file to write") Path output;
        @Option(names = "--bits", defaultValue = "24", description = "16 or 24 (default 24)") int bits;

        @Override
        public Integer call() {
            parent.root.core().openStorage();
            Studio studio = parent.root.core().studio();
            Optional<Project> project = studio.projects().find(name);
            if (project.isEmpty()) {
                parent.root.err().println("jarvis: there is no project called " + name + "; ./jarvis studio projects lists them.");
                return JarvisCommand.BAD_INPUT;
            }
            if (bits != 16 && bits != 24) {
                parent.root.err().println("jarvis: a mixdown is 16 or 24-bit, not " + bits + ".");
                return JarvisCommand.BAD_INPUT;
            }
            try {
                Mixdown.Result result = studio.mixdown(project.get(), bits, output, Progress.NONE);
                parent.root.out().println(String.format(Locale.ROOT, "Mixed %s down to %s: %s, %d-bit, 48 kHz stereo%s", name, output,
                        length(result.frames() / (double) Timing.RATE), bits, result.clipped() == 0 ? "." : "; " + result.clipped()
                                + " samples were too loud and clipped: turn some tracks down."));
                return 0;
            } catch (AudioFileException | IOException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.FAILED;
            }
        }
    }

    @Command(name = "compose", description = "Has the local model write a drum or melodic part, plays it with General MIDI instruments and puts "
            + "it on a new track of a project.")
    static final class Compose implements Callable<Integer> {
        @ParentCommand StudioCommand parent;
        @Parameters(paramLabel = "WORDS", description = "The part, e.g. \"four-bar drum loop at 85 bpm\"") String request;
        @Option(names = "--project", description = "The project to add it to (default: the one saved last)") String project;

        @Override
        public Integer call() {
            parent.root.core().openStorage();
            try {
                Studio.Composed made = parent.root.core().studio().compose(request, Optional.ofNullable(project), new Progress() {
                    private String last = "";

                    @Override
                    public void report(double fraction, String step) {
                        if (!step.equals(last)) {
                            last = step;
                            parent.root.err().println(step);
                        }
                    }
                });
                parent.root.out().println(String.format(Locale.ROOT, "%s, %s; written by %s%s.", made.summary(), length(made.part().seconds()),
                        made.model(), made.retried() ? " (mended once)" : ""));
                return 0;
            } catch (PartException | AudioFileException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.FAILED;
            }
        }
    }

    /** "3:07.5": minutes, seconds and tenths (59.96 s is "1:00.0"). */
    static String length(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }
}
