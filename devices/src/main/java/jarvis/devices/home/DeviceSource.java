package jarvis.devices.home;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where entities come from (Home Assistant, an MQTT broker): what it knows now, how its connection stands, and the
 * service calls it carries out. Its entities stay known while it is down; their states are then stale.
 */
public interface DeviceSource extends AutoCloseable {

    /** Told of changes on the source's own thread: a watcher hands them to its own and returns at once. */
    interface Listener {
        void changed(Entity entity);

        default void removed(String entityId) {}

        default void connection(Connection connection) {}
    }

    /** The name a person sees, also in each of its entities' {@link Entity#source()}. */
    String name();

    /** Connects, and keeps connecting after every loss, until {@link #close()}; again from the start when called again. */
    void start();

    Collection<Entity> entities();

    /** Where a camera entity's picture can be fetched (Home Assistant's camera proxy, with its token), if it has one. */
    default Optional<URI> picture(Entity entity) {
        return Optional.empty();
    }

    /** One entity by its id, as last known; sources with an index override this. */
    default Optional<Entity> entity(String entityId) {
        return entities().stream().filter(entity -> entity.entityId().equals(entityId)).findFirst();
    }

    Connection connection();

    /**
     * Calls a Home Assistant service, such as {@code light.turn_on} with {@code brightness_pct}, on the given entities of
     * this source. Fails at once, with the reason, when the source is not connected or cannot do it.
     */
    CompletableFuture<?> callService(String domain, String service, Map<String, Object> data, List<String> entityIds);

    void addListener(Listener listener);

    void removeListener(Listener listener);

    /**
     * Waits up to {@code patience} for the first outcome of connecting (connected, refused, down, not set up) and
     * returns how the connection stands then; for the command line and the status bar, which have one question.
     */
    default Connection awaitConnection(Duration patience) throws InterruptedException {
        CompletableFuture<Connection> settled = new CompletableFuture<>();
        Listener watcher = new Listener() {
            @Override
            public void changed(Entity entity) {}

            @Override
            public void connection(Connection now) {
                if (now.status() != Connection.Status.CONNECTING) {
                    settled.complete(now);
                }
            }
        };
        addListener(watcher);
        try {
            Connection now = connection();
            return now.status() != Connection.Status.CONNECTING ? now : settled.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return connection();
        } finally {
            removeListener(watcher);
        }
    }

    @Override
    void close();
}
