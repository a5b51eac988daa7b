package jarvis.app.cli;

import jarvis.app.Core;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.Transcriber;
import jarvis.audio.voice.VoiceException;
import jarvis.audio.voice.WhisperModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The voice on the command line: {@code transcribe}, {@code listen}, {@code say} and {@code voice models|download}. */
final class VoiceCommands {

    private VoiceCommands() {}

    /** {@code jarvis transcribe FILE}: the words in an audio file. */
    @Command(name = "transcribe", mixinStandardHelpOptions = true,
            description = "Prints the words spoken in an audio file (WAV, or anything the Studio imports), heard by Whisper on this machine.")
    static final class Transcribe implements Callable<Integer> {
        @ParentCommand JarvisCommand root;
        @Parameters(paramLabel = "FILE", description = "The audio file") Path file;
        @Option(names = "--model", paramLabel = "NAME|PATH", description = "The speech model (default: Settings → Voice)") String model;

        @Override
        public Integer call() {
            Core core = root.core();
            try {
                float[] speech = core.voice().speechFrom(file);
                warnWhenEmpty(root, core.voice().transcriber(Optional.ofNullable(model)));
                Transcriber.Transcript heard = core.voice().transcribe(speech, Optional.ofNullable(model), partial -> { }, () -> false);
                root.out().println(heard.text());
                return 0;
            } catch (VoiceException | AudioFileException e) {
                root.err().println("jarvis: " + e.getMessage());
                return 1;
            }
        }
    }

    /** A model with no weights hears nothing: said, so an empty answer is not taken for silence. */
    private static void warnWhenEmpty(JarvisCommand root, Transcriber whisper) {
        if (!whisper.hasWeights()) {
            root.err().println("jarvis: " + whisper.model().getFileName() + " has a vocabulary and no weights (a test model): it hears no words. "
                    + "Download a real one with ./jarvis voice download tiny.en.");
        }
    }

    /** {@code jarvis listen}: records from the microphone and prints what it heard. */
    @Command(name = "listen", mixinStandardHelpOptions = true, description = "Records from the microphone for a few seconds and prints what it heard.")
    static final class Listen implements Callable<Integer> {
        @ParentCommand JarvisCommand root;
        @Option(names = "--seconds", description = "How long to listen (default: ${DEFAULT-VALUE})", defaultValue = "5") double seconds;
        @Option(names = "--model", paramLabel = "NAME|PATH", description = "The speech model (default: Settings → Voice)") String model;

        @Override
        public Integer call() throws InterruptedException {
            if (!(seconds > 0 && seconds <= 300)) {
                root.err().println("jarvis: listen for 0 to 300 seconds, not " + seconds + ".");
                return 2;
            }
            Core core = root.core();
            try (PushToTalk talk = core.voice().pushToTalk()) {
                // The model first: a missing one is said before anyone speaks.
                warnWhenEmpty(root, core.voice().transcriber(Optional.ofNullable(model)));
                talk.enable();
                talk.press();
                root.err().println(String.format(Locale.ROOT, "Listening for %.0f s…", seconds));
                Thread.sleep(Math.round(seconds * 1000));
                return switch (talk.release()) {
                    case PushToTalk.Outcome.Heard heard -> {
                        root.out().println(core.voice().transcribe(heard.samples(), Optional.ofNullable(model), partial -> { }, () -> false).text());
                        yield 0;
                    }
                    case PushToTalk.Outcome.NoSignal none -> fail(none.message());
                    case PushToTalk.Outcome.NothingHeard nothing -> fail("Nothing but silence was heard.");
                    case PushToTalk.Outcome.TooShort shortHold -> fail("That was too short to hear anything.");
                    case PushToTalk.Outcome.NotHeld notHeld -> fail("The microphone did not start.");
                };
            } catch (VoiceException e) {
                return fail(e.getMessage());
            }
        }

        private int fail(String message) {
            root.err().println("jarvis: " + message);
            return 1;
        }
    }

    /** {@code jarvis say TEXT}: speaks. */
    @Command(name = "say", mixinStandardHelpOptions = true, description = "Speaks the text with this machine's voice (say on macOS, espeak-ng elsewhere).")
    static final class Say implements Callable<Integer> {
        @ParentCommand JarvisCommand root;
        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What to say") java.util.List<String> words;
        @Option(names = "--to", paramLabel = "FILE.wav", description = "Speak into a WAV file instead of aloud") Path wav;

        @Override
        public Integer call() {
            try {
                String text = String.join(" ", words);
                if (wav == null) {
                    root.core().voice().speaker().speak(text);
                } else {
                    root.core().voice().speaker().speakInto(text, wav);
                }
                return 0;
            } catch (VoiceException e) {
                root.err().println("jarvis: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code jarvis voice}: the speech models there are, and downloading one. */
    @Command(name = "voice", mixinStandardHelpOptions = true, description = "Speech models: list them, download one.",
            subcommands = {Models.class, Download.class})
    static final class VoiceCommand implements Runnable {
        @ParentCommand JarvisCommand root;

        @Override
        public void run() {
            root.out().println("Try ./jarvis voice models, or ./jarvis voice download tiny.en");
        }
    }

    @Command(name = "models", description = "Lists the standard speech models and which are in the models folder.")
    static final class Models implements Callable<Integer> {
        @ParentCommand VoiceCommand parent;

        @Override
        public Integer call() {
            WhisperModels models = parent.root.core().voice().models();
            Table table = new Table("MODEL", "SIZE", "HERE");
            for (WhisperModels.Known known : WhisperModels.KNOWN) {
                table.row(known.name(), String.format(Locale.ROOT, "%.0f MB", known.bytes() / 1e6),
                        Files.isRegularFile(models.folder().resolve(known.file())) ? "yes" : "");
            }
            models.installed().stream().filter(f -> WhisperModels.known(f.getFileName().toString()).isEmpty())
                    .forEach(f -> table.row(f.getFileName().toString(), "", "yes"));
            table.print(parent.root.out());
            parent.root.out().println("Folder: " + models.folder());
            return 0;
        }
    }

    @Command(name = "download", description = "Downloads a standard speech model into the models folder, checked against its SHA-1.")
    static final class Download implements Callable<Integer> {
        @ParentCommand VoiceCommand parent;
        @Parameters(paramLabel = "NAME", description = "tiny.en, tiny, base.en, base, small.en or small") String name;

        @Override
        public Integer call() {
            Optional<WhisperModels.Known> known = WhisperModels.known(name);
            if (known.isEmpty()) {
                parent.root.err().println("jarvis: there is no standard speech model called " + name + "; try tiny.en, base.en or small.en.");
                return 2;
            }
            Core core = parent.root.core();
            core.openStorage();
            try {
                int[] tenth = {-1};
                Path file = core.downloadSpeechModel(known.get(), fraction -> {
                    if ((int) (fraction * 10) != tenth[0]) {
                        tenth[0] = (int) (fraction * 10);
                        parent.root.err().printf(Locale.ROOT, "%d%%%n", tenth[0] * 10);
                        parent.root.err().flush();
                    }
                }).join();
                parent.root.out().println("Downloaded " + known.get().name() + " to " + file);
                return 0;
            } catch (CompletionException e) {
                parent.root.err().println("jarvis: " + e.getCause().getMessage());
                return 1;
            }
        }
    }
}
