package jarvis.app.cli;

import jarvis.devices.homeassistant.HomeAssistant;
import java.time.Duration;

/**
 * Home Assistant for a command: connected within a while, or the reason it is not, said on the error stream, with the
 * exit status that goes with it (1 when it is down or refused the token, 2 when it is not set up).
 */
record ConnectedHome(HomeAssistant home, int exitStatus) {

    private static final Duration WAIT = Duration.ofSeconds(15);

    static ConnectedHome of(JarvisCommand root) throws InterruptedException {
        HomeAssistant home = root.core().homeAssistant();
        HomeAssistant.Connection connection = home.awaitConnection(WAIT);
        if (connection.status() == HomeAssistant.Status.CONNECTED) {
            return new ConnectedHome(home, 0);
        }
        root.err().println("jarvis: " + connection.detail());
        return new ConnectedHome(home, connection.status() == HomeAssistant.Status.NOT_CONFIGURED ? JarvisCommand.BAD_INPUT
                : JarvisCommand.FAILED);
    }

    boolean connected() {
        return exitStatus == 0;
    }
}
