package jarvis.devices.home;

import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readings of numeric sensors and binary sensors over the last days, for sparklines: a listener on the house that keeps at most one
 * reading a minute per sensor (a sensor sending ten a second is sampled, not stored ten times), written off the
 * sources' threads, and pruned after a week.
 */
public final class SensorHistory implements DeviceSource.Listener {

    /** One reading. */
    public record Reading(Instant at, double value) {}

    private static final Logger LOG = LoggerFactory.getLogger(SensorHistory.class);
    private static final Duration SPACING = Duration.ofMinutes(1);
    private static final Duration KEPT = Duration.ofDays(7);

    private final Database database;
    private final Executor writer;
    private final Clock clock;
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    public SensorHistory(Database database, Executor writer, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * The reading a sparkline draws for an entity: a sensor's number, a binary sensor's on (1) or off (0); empty for
     * anything else.
     */
    public static OptionalDouble reading(Entity entity) {
        if (!entity.available()) {
            return OptionalDouble.empty();
        }
        if (entity.domain().equals("binary_sensor")) {
            return entity.state().equals("on") ? OptionalDouble.of(1) : entity.state().equals("off")
                    ? OptionalDouble.of(0) : OptionalDouble.empty();
        }
        if (!entity.domain().equals("sensor")) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(entity.state()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public void changed(Entity entity) {
        OptionalDouble value = reading(entity);
        if (value.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastWritten.get(entity.entityId());
        // A binary sensor's changes are kept a second apart (a door opening is the story); a number at most once a minute.
        Duration spacing = entity.domain().equals("binary_sensor") ? Duration.ofSeconds(1) : SPACING;
        if (last != null && Duration.between(last, now).compareTo(spacing) < 0) {
            return;
        }
        lastWritten.put(entity.entityId(), now);
        writer.execute(() -> write(entity.entityId(), now, value.getAsDouble()));
    }

    private void write(String entityId, Instant at, double value) {
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sensor_history (entity_id, at, reading) VALUES (?, ?, ?)")) {
                    insert.setString(1, entityId);
                    insert.setTimestamp(2, Timestamp.from(at));
                    insert.setDouble(3, value);
                    return insert.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("A sensor reading of {} was not kept: {}", entityId, e.getMessage());
        }
    }

    /** The readings of one sensor over the last {@code span}, oldest first. */
    public List<Reading> last(String entityId, Duration span) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT at, reading FROM sensor_history WHERE entity_id = ? AND at >= ? ORDER BY at")) {
                select.setString(1, entityId);
                select.setTimestamp(2, Timestamp.from(clock.instant().minus(span)));
                List<Reading> readings = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        readings.add(new Reading(rows.getTimestamp(1).toInstant(), rows.getDouble(2)));
                    }
                }
                return readings;
            }
        });
    }

    /** Forgets readings older than a week; a database that is closing by now is left alone (the next start prunes). */
    public int prune() {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sensor_history WHERE at < ?")) {
                    delete.setTimestamp(1, Timestamp.from(clock.instant().minus(KEPT)));
                    return delete.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.info("Old sensor readings were not pruned now: {}", e.getMessage());
            return 0;
        }
    }
}
