package jarvis.app.cli;

import jarvis.devices.home.Connection;
import jarvis.devices.home.Home;
import java.time.Duration;
import java.util.Map;

/**
 * The house for a command: each source that is set up (Home Assistant, the MQTT broker) connected within a while,
 * or the reason it is not, said on the error stream. Usable when at least one is connected; otherwise the exit status
 * says why (1 when the sources are down or refused the login, 2 when none is set up).
 */
record ConnectedHome(Home home, int exitStatus) {

    private static final Duration WAIT = Duration.ofSeconds(15);

    static ConnectedHome of(JarvisCommand root) throws InterruptedException {
        Home home = root.core().home();
        Map<String, Connection> connections = home.awaitSettled(WAIT);
        boolean anyConnected = connections.values().stream().anyMatch(Connection::connected);
        boolean noneSetUp = connections.values().stream().allMatch(connection -> connection.status() == Connection.Status.NOT_CONFIGURED);
        if (noneSetUp) {
            root.err().println("jarvis: no devices are set up: set homeassistant.url with the homeassistant.token secret, or mqtt.url.");
            return new ConnectedHome(home, JarvisCommand.BAD_INPUT);
        }
        connections.values().stream()
                .filter(connection -> !connection.connected() && connection.status() != Connection.Status.NOT_CONFIGURED)
                .forEach(connection -> root.err().println("jarvis: " + connection.detail()));
        return new ConnectedHome(home, anyConnected ? 0 : JarvisCommand.FAILED);
    }

    boolean connected() {
        return exitStatus == 0;
    }
}
