package jarvis.cad.external;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.StlReader;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.commands.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Turns a STEP file's B-rep geometry into a mesh through a converter command: by default PrusaSlicer's
 * {@code --export-stl} (Open CASCADE inside), or any command a person configures (setting {@code cad.stepConverter}),
 * written with {in} for the STEP file, {out} for the STL it must write and {prusa} for PrusaSlicer. The STL is read back as any other; what the converter printed explains a
 * failure.
 */
public final class StepConverter {

    private final List<String> template;
    private final Duration limit;
    private final CommandLine command;

    /**
     * @param template the command, its words separated by spaces, with {in} and {out} in it
     * @param prusaSlicer where PrusaSlicer is, for {prusa}
     */
    public StepConverter(String template, String prusaSlicer, Duration limit) {
        List<String> words = new ArrayList<>();
        for (String word : template.strip().split("\\s+")) {
            words.add(word.equals("{prusa}") ? prusaSlicer : word);
        }
        this.template = List.copyOf(words);
        this.limit = limit;
        this.command = new CommandLine("The STEP converter", "install PrusaSlicer (Debian: apt install prusa-slicer), or set the "
                + "converter in Settings ▸ CAD", Programs.WHEN_SLOW);
    }

    /** Converts {@code step} in {@code folder} (a scratch folder the caller owns), reporting the converter's lines. */
    public Mesh convert(Path step, Path folder, Consumer<String> progress, BooleanSupplier cancelled) throws MeshException, CommandException {
        if (!template.contains("{in}") || !template.contains("{out}")) {
            throw new CommandException("The STEP converter command must name {in} (the STEP file) and {out} (the STL to write): " + template);
        }
        Path out = folder.resolve(baseName(step) + ".stl");
        List<String> words = template.stream().map(word -> word.replace("{in}", step.toAbsolutePath().toString())
                .replace("{out}", out.toAbsolutePath().toString())).toList();
        CommandLine.Result result = command.run(words, folder, limit, progress, cancelled);
        if (!result.succeeded() || !Files.isRegularFile(out)) {
            throw new CommandException("The STEP converter could not turn " + step.getFileName() + " into a mesh (exit " + result.exitCode()
                    + "). It said:\n" + Programs.plain(result.tail(6)));
        }
        try {
            return StlReader.read(out);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // A scratch file left behind in the caller's folder does no harm.
            }
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
