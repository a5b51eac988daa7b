package jarvis.app.cli;

import jarvis.devices.commands.DeviceCommands;
import jarvis.devices.commands.DeviceGrammar;
import jarvis.devices.commands.HazardPolicy;
import jarvis.orchestrator.settings.SettingsSchema;
import java.io.Console;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jarvis do "turn off the shop lights"}: a device command without a model. A hazardous one asks y/N at the
 * terminal; with no terminal to ask at, it is refused.
 */
@Command(name = "do", mixinStandardHelpOptions = true,
        description = "Carries out a device command without a model, such as \"turn off the shop lights\" or \"is the garage door open\".")
final class DoCommand implements Callable<Integer> {

    @ParentCommand JarvisCommand root;
    @Parameters(paramLabel = "WORDS", arity = "1..*", description = "The command, in words.") List<String> words;

    @Override
    public Integer call() throws Exception {
        ConnectedHome reached = ConnectedHome.of(root);
        if (!reached.connected()) {
            return reached.exitStatus();
        }
        DeviceCommands commands = new DeviceCommands(DeviceGrammar.standard(), reached.home(),
                HazardPolicy.marking(root.core().settings().get(SettingsSchema.SAFETY_HAZARDOUS)));
        DeviceCommands.Outcome outcome = commands.carryOut(String.join(" ", words), DoCommand::askAtTheTerminal);
        if (!outcome.command()) {
            root.err().println("jarvis: that is not a device command I know. Try \"turn off the shop lights\", \"set the bench light to "
                    + "40 %\" or \"is the garage door open\"; anything else goes to './jarvis ask'.");
            return JarvisCommand.FAILED;
        }
        (outcome.done() ? root.out() : root.err()).println(outcome.done() ? outcome.said() : "jarvis: " + outcome.said());
        return outcome.done() ? 0 : JarvisCommand.FAILED;
    }

    /** A person at a terminal confirms with y; with no terminal nobody can, and the answer is no. */
    private static boolean askAtTheTerminal(String action, String why) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s needs your confirmation, because %s. Do it? [y/N] ", action, why);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
