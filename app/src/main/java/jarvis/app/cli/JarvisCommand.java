package jarvis.app.cli;

import jarvis.app.Core;
import jarvis.app.Logging;
import jarvis.orchestrator.home.DataFolder;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jarvis}: with no command the desktop app opens; each command here works beside the open window. */
@Command(name = "jarvis", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Jarvis, the workshop assistant. Without a command, opens the desktop app.",
        subcommands = {AskCommand.class, PrintersCommand.class, CamerasCommand.class, CadCommand.class, StudioCommand.class,
                VoiceCommands.Transcribe.class, VoiceCommands.Listen.class, VoiceCommands.Say.class, VoiceCommands.VoiceCommand.class,
                HistoryCommand.class, RoutesCommand.class, DoctorCommand.class, SettingsCommand.class,
                SecretsCommand.class, ArtifactsCommand.class, DevicesCommand.class, DoCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class JarvisCommand implements Runnable {

    /** Exit status when the input was wrong (an unknown setting, a bad value, a missing file). */
    public static final int BAD_INPUT = 2;
    /** Exit status when something needed could not be reached or refused (Home Assistant down, a token refused). */
    public static final int FAILED = 1;

    private final DataFolder folder;
    private final Map<String, String> environment;
    private Core core;

    @Spec
    CommandSpec spec;

    public JarvisCommand(DataFolder folder, Map<String, String> environment) {
        this.folder = folder;
        this.environment = environment;
    }

    /** Runs the command line; returns the exit status. */
    public static int run(DataFolder folder, Map<String, String> environment, String[] args, PrintWriter out, PrintWriter err) {
        JarvisCommand root = new JarvisCommand(folder, environment);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("jarvis: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
            return BAD_INPUT;
        });
        try {
            return commandLine.execute(args);
        } finally {
            root.close();
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    DataFolder folder() {
        return folder;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The services, built on first use so {@code --help} and {@code --version} stay instant. */
    Core core() {
        if (core == null) {
            Logging.toFolder(folder.ensureExists().logFolder(), "jarvis-cli", "info");
            core = new Core(folder, environment);
        }
        return core;
    }

    private void close() {
        if (core != null) {
            core.close();
        }
    }
}
