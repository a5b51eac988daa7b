package jarvis.app.cli;

import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis artifacts list|put|get|versions}. */
@Command(name = "artifacts", mixinStandardHelpOptions = true,
        description = "Stores and reads artifacts (meshes, G-code, audio, snapshots) in the configured store.",
        subcommands = {ArtifactsCommand.ListArtifacts.class, ArtifactsCommand.Put.class, ArtifactsCommand.Get.class,
                ArtifactsCommand.Versions.class})
final class ArtifactsCommand {

    @ParentCommand
    JarvisCommand root;

    ArtifactStore store() {
        return root.core().openStorage().artifacts();
    }

    void print(List<Artifact> artifacts) {
        Table table = new Table("NAME", "VERSION", "SIZE", "TYPE", "SHA-256", "ID", "METADATA");
        artifacts.forEach(a -> table.row(a.name(), a.version(), a.size(), a.contentType(), a.sha256().substring(0, 12),
                a.id(), new TreeMap<>(a.metadata())));
        table.print(root.out());
    }

    @Command(name = "list", description = "The newest version of every artifact whose name starts with PREFIX.")
    static final class ListArtifacts implements Callable<Integer> {
        @ParentCommand ArtifactsCommand parent;
        @Parameters(paramLabel = "PREFIX", defaultValue = "", arity = "0..1") String prefix;

        @Override
        public Integer call() {
            parent.print(parent.store().list(prefix));
            return 0;
        }
    }

    @Command(name = "put", description = "Stores a file; storing the same name again makes a new version.")
    static final class Put implements Callable<Integer> {
        @ParentCommand ArtifactsCommand parent;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--name", description = "Name to store it under (default: the file's name).") String name;
        @Option(names = "--type", description = "Content type (default: guessed from the file).") String type;
        @Option(names = "--meta", description = "Metadata as key=value; repeatable.") Map<String, String> metadata = Map.of();

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                parent.root.err().println("jarvis: " + file + " is not a file that can be read.");
                return JarvisCommand.BAD_INPUT;
            }
            String contentType = Optional.ofNullable(type).or(() -> probe(file)).orElse("application/octet-stream");
            try (InputStream in = Files.newInputStream(file)) {
                Artifact stored = parent.store().put(name == null ? file.getFileName().toString() : name, contentType, in, metadata);
                parent.print(List.of(stored));
            }
            return 0;
        }

        private static Optional<String> probe(Path file) {
            try {
                return Optional.ofNullable(Files.probeContentType(file));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    @Command(name = "get", description = "Writes an artifact's bytes to a file or standard output.")
    static final class Get implements Callable<Integer> {
        @ParentCommand ArtifactsCommand parent;
        @Parameters(paramLabel = "NAME_OR_ID") String nameOrId;
        @Option(names = "--version", description = "Which version (default: the newest).") Integer version;
        @Option(names = {"-o", "--output"}, description = "File to write (default: standard output).") Path output;

        @Override
        public Integer call() throws IOException {
            ArtifactStore store = parent.store();
            Optional<Artifact> found = store.find(nameOrId).or(() -> version == null ? store.latest(nameOrId)
                    : store.versions(nameOrId).stream().filter(a -> a.version() == version).findFirst());
            if (found.isEmpty()) {
                parent.root.err().println("jarvis: no artifact named or with id '" + nameOrId + "'"
                        + (version == null ? "" : " at version " + version) + ". Run 'jarvis artifacts list' to see what is stored.");
                return JarvisCommand.BAD_INPUT;
            }
            try (InputStream in = store.open(found.get().id())) {
                if (output == null) {
                    parent.root.out().flush();
                    in.transferTo(System.out);
                    System.out.flush();
                } else {
                    try (OutputStream out = Files.newOutputStream(output)) {
                        in.transferTo(out);
                    }
                    parent.root.err().println("Wrote " + found.get().name() + " v" + found.get().version() + " to " + output);
                }
            }
            return 0;
        }
    }

    @Command(name = "versions", description = "Every version of one artifact, newest first.")
    static final class Versions implements Callable<Integer> {
        @ParentCommand ArtifactsCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            parent.print(parent.store().versions(name));
            return 0;
        }
    }
}
