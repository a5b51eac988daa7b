package jarvis.devices.home;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A source's watchers and its connection as last reported: what every {@link DeviceSource} tells, told one way. */
public final class SourceNews {

    private final List<DeviceSource.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Connection connection;

    public SourceNews(Clock clock, Connection first) {
        this.clock = clock;
        this.connection = first;
    }

    public void add(DeviceSource.Listener listener) {
        listeners.add(listener);
    }

    public void remove(DeviceSource.Listener listener) {
        listeners.remove(listener);
    }

    public Connection connection() {
        return connection;
    }

    /** The connection now stands so, for this reason, from now. */
    public void report(Connection.Status status, String detail) {
        Connection now = new Connection(status, detail, clock.instant());
        connection = now;
        listeners.forEach(listener -> listener.connection(now));
    }

    public void changed(Entity entity) {
        listeners.forEach(listener -> listener.changed(entity));
    }

    public void removed(String entityId) {
        listeners.forEach(listener -> listener.removed(entityId));
    }
}
