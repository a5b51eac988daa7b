package jarvis.tests.support;

import jarvis.app.cli.JarvisCommand;
import jarvis.orchestrator.home.DataFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line in-process against a data folder and keeps what it printed. */
public final class Cli {

    /** The exit status and both outputs. */
    public record Result(int status, String out, String err) {}

    private Cli() {}

    public static Result run(Path home, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = JarvisCommand.run(new DataFolder(home), environment, args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}
