package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.watch.VerdictBook;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jarvis printers}: the workshop's printers. Lists them, adds one (its key or access code read from standard
 * input), reads one's status, and pauses, resumes or cancels through the same safety policy and audit log as every
 * other action.
 */
@Command(name = "printers", mixinStandardHelpOptions = true,
        description = "Lists the printers; add, remove, status, pause, resume and cancel one; link its camera; review the failure watch's verdicts.",
        subcommands = {PrintersCommand.Add.class, PrintersCommand.Remove.class, PrintersCommand.Status.class,
                PrintersCommand.Pause.class, PrintersCommand.Resume.class, PrintersCommand.Cancel.class, PrintersCommand.LinkCamera.class,
                PrintersCommand.Verdicts.class, PrintersCommand.Mark.class})
final class PrintersCommand implements Callable<Integer> {

    @ParentCommand JarvisCommand root;
    @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;

    private PrinterBook book() {
        root.core().openStorage();
        return root.core().printers();
    }

    @Override
    public Integer call() throws Exception {
        PrinterBook book = book();
        List<PrinterBook.Entry> entries = book.entries();
        PrintWriter out = root.out();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode list = mapper.createArrayNode();
            entries.forEach(entry -> list.addObject().put("name", entry.name()).put("kind", entry.kind().label())
                    .put("url", entry.url().toString()).put("serial", entry.serial().orElse(null)).put("key_set", book.hasKey(entry.name())));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("No printers yet. Add one: printf %s \"$KEY\" | ./jarvis printers add octoprint Prusa --url http://octopi.local");
            return 0;
        }
        Table table = new Table("NAME", "KIND", "ADDRESS", "SERIAL", "KEY");
        entries.forEach(entry -> table.row(entry.name(), entry.kind().label(), entry.url().toString(), entry.serial().orElse(""),
                book.hasKey(entry.name()) ? "set" : "none"));
        table.print(out);
        out.println(entries.size() + " printer" + (entries.size() == 1 ? "" : "s") + ".");
        return 0;
    }

    /** The printer of that name, or a message naming the ones there are. */
    private Optional<PrinterBook.Entry> find(String name) {
        Optional<PrinterBook.Entry> entry = book().entry(name);
        if (entry.isEmpty()) {
            List<String> names = book().entries().stream().map(PrinterBook.Entry::name).toList();
            root.err().println("jarvis: there is no printer '" + name + "'. " + (names.isEmpty()
                    ? "Add one with ./jarvis printers add." : "The printers are " + String.join(", ", names) + "."));
        }
        return entry;
    }

    @Command(name = "add", description = "Adds a printer, or replaces the one of that name. Pipe its API key (OctoPrint, Moonraker) or "
            + "LAN access code (Bambu) in: printf %%s \"$KEY\" | ./jarvis printers add octoprint Prusa --url http://octopi.local")
    static final class Add implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(index = "0", paramLabel = "KIND", description = "octoprint, moonraker or bambu") String kind;
        @Parameters(index = "1", paramLabel = "NAME", description = "What you call it: Prusa, Voron…") String name;
        @Option(names = "--url", required = true, paramLabel = "URL", description = "http://host:port, or a Bambu's IP address") String url;
        @Option(names = "--serial", paramLabel = "SERIAL", description = "A Bambu's serial number") String serial;

        /** At a terminal the key is asked for, unseen; otherwise it is what was piped in. */
        private String key() throws IOException {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                char[] typed = console.readPassword("API key or access code of %s (Enter for none): ", name.strip());
                return typed == null ? "" : new String(typed).strip();
            }
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter err = parent.root.err();
            String key = key();
            try {
                PrinterBook.Kind parsed = PrinterBook.Kind.parse(kind);
                URI address = URI.create(parsed == PrinterBook.Kind.BAMBU && !url.contains("://") ? "mqtts://" + url.strip() : url.strip());
                parent.book().add(new PrinterBook.Entry(name.strip(), parsed, address, Optional.ofNullable(serial).map(String::strip)), key);
                parent.root.out().println("Added " + name.strip() + " (" + parsed.label() + " at " + address + ")"
                        + (key.isEmpty() ? ", with no key: pipe one in if the server asks for it." : ", its key stored."));
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
        }
    }

    @Command(name = "remove", description = "Forgets a printer and its key.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            if (parent.find(name).isEmpty()) {
                return JarvisCommand.FAILED;
            }
            parent.book().remove(name);
            parent.root.out().println("Removed " + name + ".");
            return 0;
        }
    }

    @Command(name = "status", description = "A printer's state, job, progress, time left and temperatures.")
    static final class Status implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws Exception {
            Optional<PrinterBook.Entry> entry = parent.find(name);
            if (entry.isEmpty()) {
                return JarvisCommand.FAILED;
            }
            PrintWriter out = parent.root.out();
            try {
                Printer printer = parent.book().printer(entry.get());
                PrinterStatus status = printer.status();
                if (json) {
                    ObjectNode read = parent.root.core().printerTools().describe(printer, status);
                    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(read));
                    return 0;
                }
                out.println(printer.name() + " (" + printer.version() + "): " + status.state().name().toLowerCase(Locale.ROOT)
                        + (status.stateText().isBlank() ? "" : " — " + status.stateText()));
                status.job().ifPresent(job -> out.println("Job: " + job.file() + ", " + Math.round(job.progress() * 100) + " % done, "
                        + minutes(job.printed()) + " printed" + job.left().map(left -> ", " + minutes(left) + " left").orElse("")));
                status.temperatures().forEach((heater, reading) -> out.println("  " + heater + ": " + round(reading.actual()) + " °C"
                        + (reading.target() > 0 ? " → " + round(reading.target()) + " °C" : " (off)")));
                return 0;
            } catch (PrinterException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.FAILED;
            }
        }

        private static String minutes(Duration duration) {
            long minutes = duration.toMinutes();
            return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
        }

        private static String round(double celsius) {
            return String.valueOf(Math.round(celsius * 10) / 10.0);
        }
    }

    /** Pause, resume and cancel: one call of the printers' control tool, asked at the terminal when the policy says so. */
    abstract static class Act implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        abstract String action();

        @Override
        public Integer call() {
            Optional<PrinterBook.Entry> entry = parent.find(name);
            if (entry.isEmpty()) {
                return JarvisCommand.FAILED;
            }
            Tools tools = parent.root.core().openStorage().conversations().tools().orElseThrow();
            ObjectNode arguments = new ObjectMapper().createObjectNode().put("printer", entry.get().name()).put("action", action());
            ToolRunner.Ran ran = tools.runner().askingWith(new TerminalConfirmer()).run(parent.root.core().printerTools().control(), arguments,
                    new ToolRunner.Asker("printers " + action() + " " + name, "the command line (./jarvis printers)"));
            boolean done = ran.card().status() == ToolRunner.Status.DONE;
            (done ? parent.root.out() : parent.root.err()).println(done ? ran.card().summary() : "jarvis: " + ran.card().summary());
            return done ? 0 : JarvisCommand.FAILED;
        }
    }

    @Command(name = "pause", description = "Pauses the print.")
    static final class Pause extends Act {
        @Override
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", description = "Resumes a paused print (asks first: the heaters and motors start again).")
    static final class Resume extends Act {
        @Override
        String action() {
            return "resume";
        }
    }

    @Command(name = "cancel", description = "Cancels the print.")
    static final class Cancel extends Act {
        @Override
        String action() {
            return "cancel";
        }
    }

    @Command(name = "camera", description = "Links a camera (./jarvis cameras) to a printer, for its tile and the failure watch; --none unlinks it.")
    static final class LinkCamera implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "CAMERA", arity = "0..1") String camera;
        @Option(names = "--none", description = "Unlink the camera (a Bambu then uses its own).") boolean none;

        @Override
        public Integer call() {
            Optional<PrinterBook.Entry> entry = parent.find(name);
            if (entry.isEmpty()) {
                return JarvisCommand.FAILED;
            }
            if (none == (camera != null)) {
                parent.root.err().println("jarvis: name a camera, or give --none to unlink it.");
                return JarvisCommand.BAD_INPUT;
            }
            Optional<String> linked = Optional.ofNullable(camera).flatMap(parent.root.core().cameras()::entry).map(CameraBook.Entry::name);
            if (camera != null && linked.isEmpty()) {
                parent.root.err().println("jarvis: there is no camera '" + camera + "'. './jarvis cameras' lists them; './jarvis cameras add' adds one.");
                return JarvisCommand.FAILED;
            }
            parent.book().linkCamera(entry.get().name(), linked);
            parent.root.out().println(linked.map(found -> entry.get().name() + " is watched through " + found + ".")
                    .orElse(entry.get().name() + " has no linked camera" + (entry.get().kind() == PrinterBook.Kind.BAMBU ? "; its own is used." : ".")));
            return 0;
        }
    }

    @Command(name = "verdicts", description = "The failure watch's latest verdicts, with their numbers for marking, and its precision so far.")
    static final class Verdicts implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this printer's.") String name;
        @Option(names = "--limit", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).") int limit;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            VerdictBook verdicts = new VerdictBook(parent.root.core().openStorage().database());
            List<VerdictBook.Stored> recent = verdicts.recent(Optional.ofNullable(name), Math.max(1, limit));
            PrintWriter out = parent.root.out();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode list = mapper.createArrayNode();
                recent.forEach(stored -> list.addObject().put("id", stored.id()).put("printer", stored.printer()).put("job", stored.job())
                        .put("at", stored.at().toString()).put("verdict", stored.verdict().call().word()).put("confidence", stored.verdict().confidence())
                        .put("reason", stored.verdict().reason()).put("model", stored.verdict().model()).put("frame", stored.frame().orElse(null))
                        .put("paused", stored.paused()).put("mark", stored.right().map(right -> right ? "right" : "wrong").orElse(null)));
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
                return 0;
            }
            if (recent.isEmpty()) {
                out.println("The failure watch has no verdicts yet: it looks while a print runs on a printer with a camera.");
                return 0;
            }
            Table table = new Table("#", "PRINTER", "WHEN", "VERDICT", "SURE", "PAUSED", "MARK", "REASON");
            recent.forEach(stored -> table.row(Long.toString(stored.id()), stored.printer(), stored.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    stored.verdict().call().word(), stored.verdict().percent(), stored.paused() ? "yes" : "", stored.right().map(right -> right ? "right" : "wrong")
                            .orElse(""), stored.verdict().reason()));
            table.print(out);
            out.println("The watch so far: " + verdicts.precision().sentence() + ". Mark one: ./jarvis printers mark NUMBER right|wrong");
            return 0;
        }
    }

    @Command(name = "mark", description = "Marks a verdict of the failure watch right or wrong; the marks give its precision.")
    static final class Mark implements Callable<Integer> {
        @ParentCommand PrintersCommand parent;
        @Parameters(index = "0", paramLabel = "NUMBER") long id;
        @Parameters(index = "1", paramLabel = "right|wrong") String mark;

        @Override
        public Integer call() {
            String said = mark.strip().toLowerCase(Locale.ROOT);
            if (!said.equals("right") && !said.equals("wrong")) {
                parent.root.err().println("jarvis: mark a verdict 'right' or 'wrong', not '" + mark + "'.");
                return JarvisCommand.BAD_INPUT;
            }
            VerdictBook verdicts = new VerdictBook(parent.root.core().openStorage().database());
            try {
                verdicts.mark(id, said.equals("right"));
            } catch (IllegalArgumentException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.FAILED;
            }
            parent.root.out().println("Verdict " + id + " marked " + said + ". The watch so far: " + verdicts.precision().sentence() + ".");
            return 0;
        }
    }
}
