package jarvis.orchestrator.models;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One integration's HTTP client, whose connect timeout follows a setting: the client is built once and built anew
 * only when the timeout changes (the JDK fixes it per client).
 */
public final class ConnectTimeoutClient implements Supplier<HttpClient> {

    private record Built(Duration timeout, HttpClient client) {}

    private final Supplier<Duration> connectTimeout;
    private volatile Built built;

    public ConnectTimeoutClient(Supplier<Duration> connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public HttpClient get() {
        Duration timeout = connectTimeout.get();
        Built current = built;
        if (current == null || !current.timeout().equals(timeout)) {
            synchronized (this) {
                current = built;
                if (current == null || !current.timeout().equals(timeout)) {
                    current = new Built(timeout, HttpClient.newBuilder().connectTimeout(timeout).build());
                    built = current;
                }
            }
        }
        return current.client();
    }
}
