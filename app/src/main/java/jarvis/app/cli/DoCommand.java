package jarvis.app.cli;

import jarvis.devices.commands.DeviceCommands;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jarvis do "turn off the shop lights"}: a device command without a model, the same as in the chat box. A
 * hazardous one asks y/N at the terminal; with no terminal to ask at, it is refused. Every action goes to the audit log.
 */
@Command(name = "do", mixinStandardHelpOptions = true,
        description = "Carries out a device command without a model, such as \"turn off the shop lights\" or \"is the garage door open\".")
final class DoCommand implements Callable<Integer> {

    @ParentCommand JarvisCommand root;
    @Parameters(paramLabel = "WORDS", arity = "1..*", description = "The command, in words.") List<String> words;

    @Override
    public Integer call() throws Exception {
        String sentence = String.join(" ", words);
        Tools tools = root.core().openStorage().conversations().tools().orElseThrow();
        ToolRunner runner = tools.runner().askingWith(new TerminalConfirmer());
        for (CommandHandler handler : List.of(root.core().printerCommands(), root.core().cameraCommands())) {
            if (handler.matches(sentence)) {
                return said(handler.carryOut(sentence, runner, new ToolRunner.Asker(sentence, "the command line (./jarvis do)")));
            }
        }
        DeviceCommands commands = root.core().deviceCommands();
        if (!commands.understands(sentence)) {
            root.err().println("jarvis: that is not a device command I know. Try \"turn off the shop lights\", \"set the bench light to "
                    + "40 %\", \"is the garage door open\", \"pause the Voron\" or \"show the shop camera\"; anything else goes to './jarvis ask'.");
            return JarvisCommand.FAILED;
        }
        ConnectedHome reached = ConnectedHome.of(root);
        if (!reached.connected()) {
            return reached.exitStatus();
        }
        return said(commands.carryOut(sentence, runner, new ToolRunner.Asker(sentence, "the command line (./jarvis do)")));
    }

    private int said(CommandHandler.Handled handled) {
        (handled.done() ? root.out() : root.err()).println(handled.done() ? handled.answer() : "jarvis: " + handled.answer());
        return handled.done() ? 0 : JarvisCommand.FAILED;
    }
}
