package jarvis.app;

import jarvis.app.cli.JarvisCommand;
import jarvis.app.desktop.DesktopApp;
import jarvis.orchestrator.home.DataFolder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point: no arguments open the desktop app, anything else is a command line. */
public final class Jarvis {

    private Jarvis() {}

    public static void main(String[] args) {
        DataFolder folder = DataFolder.fromEnvironment();
        if (args.length == 0) {
            int status = DesktopApp.open(folder, System.getenv());
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(JarvisCommand.run(folder, System.getenv(), args, out, err));
    }
}
