package jarvis.orchestrator.commands;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a command-line tool (OpenSCAD, PrusaSlicer, a STEP converter, an audio converter) the way a job needs it: its output read line by
 * line as it comes (for progress and for its errors), under a time limit, stopped with everything it started when the
 * job is cancelled or the limit passes. A tool that is not installed is said as such, with what to do.
 */
public final class CommandLine {

    private static final int KEPT_LINES = 200;

    /** How the tool ended: its exit code and the last lines it printed (output and errors together). */
    public record Result(int exitCode, List<String> lines) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The last {@code count} lines, joined, for a message. */
        public String tail(int count) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }

    private final String tool;
    private final String install;
    private final String whenSlow;

    /**
     * @param tool the tool's name for messages ("OpenSCAD")
     * @param install what a person does when it is missing ("install it (Debian: apt install openscad) or set its path
     *     in Settings ▸ CAD")
     * @param whenSlow what a person can do when it runs past its time limit ("A simpler part, or a longer limit in
     *     Settings ▸ CAD, may let it finish.")
     */
    public CommandLine(String tool, String install, String whenSlow) {
        this.tool = tool;
        this.install = install;
        this.whenSlow = whenSlow;
    }

    /**
     * Runs {@code command} in {@code folder}, passing each line it prints to {@code lines}; stops it when
     * {@code cancelled} says so or after {@code limit}.
     */
    public Result run(List<String> command, Path folder, Duration limit, Consumer<String> lines, BooleanSupplier cancelled)
            throws CommandException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw new CommandException(tool + " could not be started (" + command.getFirst() + "): " + reason(e) + ". To fix it, " + install + ".", e,
                    CommandException.Kind.NOT_STARTED);
        }
        Deque<String> kept = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().name(tool + " output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (kept) {
                        kept.addLast(line);
                        if (kept.size() > KEPT_LINES) {
                            kept.removeFirst();
                        }
                    }
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        // A listener's trouble must not stop the reading: the tool would block on a full pipe.
                    }
                }
            } catch (IOException e) {
                // The tool was stopped: what it printed so far is kept.
            }
        });
        long end = System.nanoTime() + limit.toNanos();
        try {
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    stop(process);
                    throw new CommandException(tool + " was stopped: the job was cancelled.", CommandException.Kind.STOPPED);
                }
                if (System.nanoTime() > end) {
                    stop(process);
                    throw new CommandException(tool + " took longer than " + limit.toSeconds() + " s and was stopped. " + whenSlow,
                            CommandException.Kind.TIMED_OUT);
                }
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new CommandException(tool + " was stopped: Jarvis was interrupted.", CommandException.Kind.STOPPED);
        }
        synchronized (kept) {
            return new Result(process.exitValue(), List.copyOf(kept));
        }
    }

    /** Stops the tool and what it started, and waits (a little) for it to be gone before its files are touched. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("error=2") || message.contains("No such file") ? "it is not installed, or not where Jarvis looks" : message;
    }
}
