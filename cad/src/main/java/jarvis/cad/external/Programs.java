package jarvis.cad.external;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where the command-line tools are found on each system, and their output made fit for a message. */
public final class Programs {

    private static final Pattern COLOURS = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern TRACE = Pattern.compile("^\\[[^]]*] \\[[^]]*] \\[(trace|debug)]");

    /** What a person can do about a CAD tool that ran past its time limit. */
    static final String WHEN_SLOW = "A simpler part, or a longer limit in Settings ▸ CAD, may let it finish.";

    private Programs() {}

    /** PrusaSlicer: the configured path, else where it is installed on this system, else its name on the PATH. */
    public static String prusaSlicer(String configured) {
        return find(configured, List.of("/Applications/PrusaSlicer.app/Contents/MacOS/PrusaSlicer", "/usr/bin/prusa-slicer",
                "/usr/local/bin/prusa-slicer", "C:\\Program Files\\Prusa3D\\PrusaSlicer\\prusa-slicer-console.exe"), "prusa-slicer");
    }

    /** OrcaSlicer, likewise. */
    public static String orcaSlicer(String configured) {
        return find(configured, List.of("/Applications/OrcaSlicer.app/Contents/MacOS/OrcaSlicer", "/usr/bin/orca-slicer",
                "C:\\Program Files\\OrcaSlicer\\orca-slicer.exe"), "orca-slicer");
    }

    /** OpenSCAD, likewise. */
    public static String openScad(String configured) {
        return find(configured, List.of("/Applications/OpenSCAD.app/Contents/MacOS/OpenSCAD", "/usr/bin/openscad", "/usr/local/bin/openscad",
                "/opt/homebrew/bin/openscad", "C:\\Program Files\\OpenSCAD\\openscad.exe"), "openscad");
    }

    private static String find(String configured, List<String> usual, String onPath) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        Optional<String> installed = usual.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        return installed.orElse(onPath);
    }

    /** Whether a line is PrusaSlicer's tracing ("[time] [thread] [trace] …"), not worth showing anyone. */
    public static boolean tracing(String line) {
        return TRACE.matcher(line).find();
    }

    /** A tool's output without terminal colours or trace lines: what a person reads in a message. */
    public static String plain(String output) {
        StringBuilder out = new StringBuilder();
        for (String line : COLOURS.matcher(output).replaceAll("").split("\n")) {
            if (!TRACE.matcher(line).find() && !line.isBlank()) {
                out.append(out.isEmpty() ? "" : "\n").append(line.strip());
            }
        }
        return out.toString();
    }
}
