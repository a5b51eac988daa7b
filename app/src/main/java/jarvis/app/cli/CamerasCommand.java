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
import java.util.List;
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
            entries.forEach(entry -> list.addObject().put("name", entry.name()).put("url", entry.url().toString()).put("user", entry.username()));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("No cameras yet. Add one: ./jarvis cameras add Shop --url http://192.168.1.50/ISAPI/Streaming/channels/101/picture --user admin");
            return 0;
        }
        Table table = new Table("NAME", "ADDRESS", "USER");
        entries.forEach(entry -> table.row(entry.name(), entry.url().toString(), entry.username()));
        table.print(out);
        out.println(entries.size() + " camera" + (entries.size() == 1 ? "" : "s") + ".");
        return 0;
    }

    @Command(name = "add", description = "Adds a camera by its snapshot or MJPEG address, or replaces the one of that name. With --user, "
            + "its password is asked for (or piped in).")
    static final class Add implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--url", required = true, paramLabel = "URL") String url;
        @Option(names = "--user", paramLabel = "USER", defaultValue = "") String user;

        @Override
        public Integer call() throws IOException {
            String password = "";
            if (!user.isBlank()) {
                Console console = System.console();
                password = console != null && console.isTerminal()
                        ? new String(Optional.ofNullable(console.readPassword("Password of %s for %s: ", user, name)).orElse(new char[0]))
                        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            try {
                parent.book().add(new CameraBook.Entry(name.strip(), URI.create(url.strip()), user.strip()), password);
            } catch (IllegalArgumentException e) {
                parent.root.err().println("jarvis: " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
            parent.root.out().println("Added the camera " + name.strip() + " (" + url.strip() + ").");
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
