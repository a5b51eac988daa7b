package jarvis.audio.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Speaks text with the machine's own voice: macOS's {@code say}, else {@code espeak-ng}. The text goes in on standard
 * input, never as an argument, so nothing in it is read as an option. One utterance at a time; {@link #stop()} cuts
 * the one speaking short.
 */
public final class Speaker implements Mouth {

    /** Which program speaks. */
    public enum Program { SAY, ESPEAK_NG }

    private final Program program;
    private final String voice;
    private final int wordsPerMinute;
    private final Object lock = new Object();
    private Process speaking;
    private boolean cut;

    /** {@code voice} empty for the program's default; {@code wordsPerMinute} 0 for its default pace. */
    public Speaker(Program program, String voice, int wordsPerMinute) {
        this.program = program;
        this.voice = voice == null ? "" : voice.strip();
        this.wordsPerMinute = wordsPerMinute;
    }

    /** The program this machine speaks with: {@code say} on macOS, else {@code espeak-ng}. */
    public static Program forThisMachine() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? Program.SAY : Program.ESPEAK_NG;
    }

    /** The command that speaks what it reads on standard input, aloud or, with {@code wav}, into that file. */
    public List<String> command(Path wav) {
        List<String> command = new ArrayList<>();
        if (program == Program.SAY) {
            command.addAll(List.of("say", "-f", "-"));
            if (!voice.isEmpty()) {
                command.addAll(List.of("-v", voice));
            }
            if (wordsPerMinute > 0) {
                command.addAll(List.of("-r", Integer.toString(wordsPerMinute)));
            }
            if (wav != null) {
                command.addAll(List.of("-o", wav.toString(), "--data-format=LEI16@22050"));
            }
        } else {
            command.addAll(List.of("espeak-ng", "--stdin"));
            if (!voice.isEmpty()) {
                command.addAll(List.of("-v", voice));
            }
            if (wordsPerMinute > 0) {
                // espeak-ng refuses a pace under 80 words a minute.
                command.addAll(List.of("-s", Integer.toString(Math.max(80, wordsPerMinute))));
            }
            if (wav != null) {
                command.addAll(List.of("-w", wav.toString()));
            }
        }
        return command;
    }

    /** Speaks {@code text} aloud and returns when it is said, or cut short by {@link #stop()}. */
    public void speak(String text) throws VoiceException {
        run(text, null, () -> true);
    }

    @Override
    public void speak(String text, BooleanSupplier wanted) throws VoiceException {
        run(text, null, wanted);
    }

    /** Speaks {@code text} into a WAV file instead of aloud. */
    public void speakInto(String text, Path wav) throws VoiceException {
        run(text, wav, () -> true);
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (speaking != null) {
                cut = true;
                speaking.destroyForcibly();
            }
        }
    }

    private void run(String text, Path wav, BooleanSupplier wanted) throws VoiceException {
        List<String> command = command(wav);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new VoiceException("Jarvis speaks with " + command.getFirst() + ", which is not installed here" + (program == Program.ESPEAK_NG
                    ? " (on Debian or Ubuntu: sudo apt install espeak-ng)" : "") + ".", e);
        }
        synchronized (lock) {
            speaking = process;
            cut = false;
            // A stop between the caller's last look and now is seen here, or by stop() once this process is known.
            if (!wanted.getAsBoolean()) {
                cut = true;
                process.destroyForcibly();
            }
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Stopped before it had read it all.
        }
        try {
            // What it prints is read beside it, so the time limit below holds even when it never ends.
            CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    return "";
                }
            }, Thread::startVirtualThread);
            // Half a minute and a second a word: a stuck program is ended, not waited on forever.
            long limit = 30 + text.split("\\s+").length;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VoiceException(command.getFirst() + " did not finish speaking in " + limit + " s.");
            }
            String said = printed.join();
            boolean stopped;
            synchronized (lock) {
                stopped = cut;
            }
            // espeak-ng says 0 even when it could not write the file: then there is no file, and what it printed says why.
            if (!stopped && (process.exitValue() != 0 || wav != null && !wav.toFile().isFile())) {
                throw new VoiceException(command.getFirst() + " could not speak" + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                if (speaking == process) {
                    speaking = null;
                }
            }
        }
    }
}
