package jarvis.cad.external;

import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.commands.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Renders an OpenSCAD program to STL with the OpenSCAD command line, under a time limit, with {@code --hardwarnings}
 * (an unknown variable or a misused module stops it, as it should when a model wrote the program) and parameters
 * given as {@code -D name=value}. Its errors and warnings, with their line numbers, are what a model needs to repair
 * the program.
 */
public final class OpenScad {

    /** How a render went: the STL when there is one, and OpenSCAD's ERROR and WARNING lines. */
    public record Render(boolean rendered, Path stl, List<String> problems) {

        /** The problems as one text, for a person or for the model that wrote the program. */
        public String said() {
            return String.join("\n", problems);
        }
    }

    private final String openScad;
    private final Duration limit;
    private final CommandLine command = new CommandLine("OpenSCAD", "install OpenSCAD (Debian: apt install openscad; macOS: from "
            + "openscad.org), or set its path in Settings ▸ CAD", Programs.WHEN_SLOW);

    public OpenScad(String openScad, Duration limit) {
        this.openScad = openScad;
        this.limit = limit;
    }

    /** Renders {@code program} to {@code out} with {@code parameters} set (their values written as OpenSCAD takes them). */
    public Render render(Path program, Path out, Map<String, String> parameters, BooleanSupplier cancelled) throws CommandException {
        List<String> words = new ArrayList<>(List.of(openScad, "--hardwarnings", "-o", out.toAbsolutePath().toString()));
        parameters.forEach((name, value) -> {
            words.add("-D");
            words.add(name + "=" + value);
        });
        words.add(program.toAbsolutePath().toString());
        List<String> problems = new ArrayList<>();
        CommandLine.Result result = command.run(words, program.toAbsolutePath().getParent(), limit, line -> {
            String plain = line.strip();
            if (plain.startsWith("ERROR:") || plain.startsWith("WARNING:")) {
                String name = program.getFileName().toString();
                problems.add(plain.replace("in file " + name, "in the program").replace(name, "the program"));
            }
        }, cancelled);
        boolean rendered = result.succeeded() && Files.isRegularFile(out);
        if (!rendered && problems.isEmpty()) {
            String said = Programs.plain(result.tail(6));
            problems.add(said.toLowerCase(Locale.ROOT).contains("top level object is empty")
                    ? "ERROR: the program makes no 3D object (the top level object is empty)." : "ERROR: OpenSCAD failed (exit "
                    + result.exitCode() + "): " + said);
        }
        return new Render(rendered, out, List.copyOf(problems));
    }
}
