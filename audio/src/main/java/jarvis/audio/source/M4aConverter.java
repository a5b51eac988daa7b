package jarvis.audio.source;

import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.commands.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns M4A (AAC or ALAC in an MP4 container, which no Java library decodes) into a WAV file with the platform's
 * converter: {@code afconvert} on macOS, {@code ffmpeg} wherever it is installed. Without one, a message says what to
 * install.
 */
public final class M4aConverter {

    private static final List<String> FFMPEG = List.of("/opt/homebrew/bin/ffmpeg", "/usr/local/bin/ffmpeg", "/usr/bin/ffmpeg");
    private static final String AFCONVERT = "/usr/bin/afconvert";

    private final Optional<String> program;
    private final Duration limit;

    /** @param program the converter's path ({@code afconvert} or {@code ffmpeg}), or empty when there is none */
    public M4aConverter(Optional<String> program, Duration limit) {
        this.program = program;
        this.limit = limit;
    }

    /** No converter: an M4A file gets a message saying what to install. */
    public static M4aConverter none() {
        return new M4aConverter(Optional.empty(), Duration.ofSeconds(1));
    }

    /** The converter this system has: a configured one, else afconvert, else ffmpeg; or none. */
    public static M4aConverter find(String configured, Duration limit) {
        if (configured != null && !configured.isBlank()) {
            return new M4aConverter(Optional.of(configured.strip()), limit);
        }
        if (Files.isExecutable(Path.of(AFCONVERT))) {
            return new M4aConverter(Optional.of(AFCONVERT), limit);
        }
        return new M4aConverter(FFMPEG.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst(), limit);
    }

    public String describe() {
        return program.map(p -> Path.of(p).getFileName().toString()).orElse("no converter");
    }

    /** A temporary WAV file with the sound of {@code m4a}; the caller deletes it. */
    Path toWav(Path m4a, Progress progress) throws AudioFileException {
        String name = m4a.getFileName().toString();
        if (program.isEmpty()) {
            throw new AudioFileException(name + " is M4A (AAC or ALAC), which Java cannot decode by itself, and no converter is installed: install "
                    + "ffmpeg (macOS: brew install ffmpeg; Debian: apt install ffmpeg), or save the file as WAV or FLAC.");
        }
        try {
            Path folder = Files.createTempDirectory("jarvis-m4a");
            Path wav = folder.resolve(AudioDecoder.stem(name) + ".wav");
            String tool = program.get();
            List<String> command = tool.endsWith("afconvert")
                    ? List.of(tool, "-f", "WAVE", "-d", "LEI24", m4a.toAbsolutePath().toString(), wav.toString())
                    : List.of(tool, "-v", "error", "-nostdin", "-y", "-i", m4a.toAbsolutePath().toString(), "-vn", "-c:a", "pcm_s24le", wav.toString());
            progress.report(0, "converting " + name + " with " + describe());
            CommandLine.Result result = new CommandLine(describe(), "install ffmpeg (macOS: brew install ffmpeg; Debian: apt install ffmpeg)",
                    "A shorter file may convert in time.").run(command, folder, limit, line -> {}, () -> cancelled(progress));
            if (!result.succeeded() || !Files.isRegularFile(wav) || Files.size(wav) == 0) {
                Files.deleteIfExists(wav);
                Files.deleteIfExists(folder);
                throw new AudioFileException(name + " could not be converted from M4A (" + describe() + " exit " + result.exitCode()
                        + "); it may be damaged or protected. It said: " + result.tail(3));
            }
            wav.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            progress.report(1, "converted " + name);
            return wav;
        } catch (CommandException e) {
            throw new AudioFileException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AudioFileException("Could not make a scratch file to convert " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean cancelled(Progress progress) {
        try {
            progress.checkCancelled();
            return false;
        } catch (java.util.concurrent.CancellationException e) {
            return true;
        }
    }
}
