package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis cameras}: the workshop's cameras. Lists them, adds one (its password read unseen or piped in), and saves a snapshot. */
@Command(name = "cameras", mixinStandardHelpOptions = true, description = "Lists the cameras; add one, or save a snapshot.",
        subcommands = {CamerasCommand.Add.class, CamerasCommand.Snapshot.class})
final class CamerasCommand implements Callable<Integer> {

    @ParentCommand JarvisCommand root;
    @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;

    private CameraBook book() {
        root.core().openStorage();
        return root.core().cameras();
    }

    @Override
    public Integer call() throws Exception {
        List<CameraBook.Entry> entries = book().entries();
        PrintWriter out = root.out();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode list = mapper.createArrayNode();
            entries.forEach(entry -> list.addObject().put("name", entry.name()).put("kind", entry.kind().name().toLowerCase(Locale.ROOT))
                    .put("url", entry.url().toString()).put("source", entry.source()).put("user", entry.username())
                    .put("every_seconds", entry.refresh().toMillis() / 1000.0));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("No cameras yet. Add one: ./jarvis cameras add Shop --url http://192.168.1.50/ISAPI/Streaming/channels/101/picture --user admin");
            return 0;
        }
        Table table = new Table("NAME", "KIND", "ADDRESS", "SOURCE", "USER", "EVERY");
        entries.forEach(entry -> table.row(entry.name(), entry.kind().label(), entry.url().toString(), entry.source(), entry.username(),
                entry.refresh().toMillis() / 1000.0 + " s"));
        table.print(out);
        out.println(entries.size() + " camera" + (entries.size() == 1 ? "" : "s") + ".");
        return 0;
    }

    @Command(name = "add", description = "Adds a camera, or replaces the one of that name: a snapshot or MJPEG address (with --user, its "
            + "password asked for or piped in), or with --kind a camera of Frigate, UniFi Protect, Home Assistant or a Bambu printer "
            + "(its password, API key, token or access code piped in).")
    static final class Add implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--url", required = true, paramLabel = "URL", description = "The camera's address, or its server's (a Bambu's IP address)") String url;
        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "http", description = "http, frigate, unifi, homeassistant or bambu "
                + "(default ${DEFAULT-VALUE})") String kind;
        @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "", description = "Which of the server's cameras: Frigate's camera name, "
                + "a UniFi camera id, a camera.* entity, a Bambu serial") String source;
        @Option(names = "--user", paramLabel = "USER", defaultValue = "") String user;
        @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "2", description = "How often the Cameras area reads it "
                + "(default ${DEFAULT-VALUE})") double every;

        @Override
        public Integer call() throws IOException {
            CameraBook.Kind parsed;
            try {
                parsed = CameraBook.Kind.parse(kind);
            } catch (IllegalArgumentException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
            String secret = "";
            if (!user.isBlank() || parsed != CameraBook.Kind.HTTP && parsed != CameraBook.Kind.FRIGATE) {
                Console console = System.console();
                secret = console != null && console.isTerminal()
                        ? new String(Optional.ofNullable(console.readPassword("Password, key or code for %s: ", name)).orElse(new char[0]))
                        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            String address = parsed == CameraBook.Kind.BAMBU && !url.contains("://") ? "bambu://" + url.strip() : url.strip();
            try {
                parent.book().add(new CameraBook.Entry(name.strip(), parsed, URI.create(address), user.strip(), source.strip(),
                        Duration.ofMillis(Math.round(every * 1000))), secret);
            } catch (IllegalArgumentException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
            parent.root.out().println("Added the camera " + name.strip() + " (" + parsed.label() + " at " + address
                    + (source.isBlank() ? "" : ", " + source.strip()) + ").");
            return 0;
        }
    }

    @Command(name = "snapshot", description = "Saves the camera's picture now to a file.")
    static final class Snapshot implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path output;

        @Override
        public Integer call() throws IOException {
            Optional<CameraBook.Entry> entry = parent.book().entry(name);
            if (entry.isEmpty()) {
                List<String> names = parent.book().entries().stream().map(CameraBook.Entry::name).toList();
                parent.root.err().println("jarvis: there is no camera '" + name + "'. " + (names.isEmpty() ? "Add one with ./jarvis cameras add."
                        : "The cameras are " + String.join(", ", names) + "."));
                return JarvisCommand.FAILED;
            }
            try {
                Frame frame = parent.book().camera(entry.get()).snapshot();
                Files.write(output, frame.image());
                parent.root.out().println("Saved " + entry.get().name() + "'s picture (" + frame.image().length / 1024 + " KB) to " + output + ".");
                return 0;
            } catch (CameraException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.FAILED;
            }
        }
    }
}
