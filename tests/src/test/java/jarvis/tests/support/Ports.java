package jarvis.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests: only ever bound on the loopback address, as Jarvis itself listens. */
public final class Ports {

    private Ports() {}

    /** A loopback port that was free a moment ago and that nothing listens on now: a server that is down. */
    public static int nobodyListening() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
