package jarvis.orchestrator.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.storage.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Route records in the database, and what the cloud has cost over a period. */
public final class RouteLog {

    private static final String COLUMNS = "id, conversation_id, correlation_id, tier, provider, model, score, escalated, reasons, "
            + "first_token_ms, total_ms, tokens_in, tokens_out, cost, created_at, scored_model, score_features, usage_estimated";
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    public RouteLog(Database database) {
        this.database = database;
    }

    public void save(RouteRecord route) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO routes (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, route.id());
                insert.setString(2, route.conversationId());
                insert.setString(3, route.correlationId().value());
                insert.setString(4, route.tier().name());
                insert.setString(5, route.provider());
                insert.setString(6, route.model());
                if (route.score() == null) {
                    insert.setNull(7, Types.DOUBLE);
                } else {
                    insert.setDouble(7, route.score());
                }
                insert.setBoolean(8, route.escalated());
                insert.setString(9, json.writeValueAsString(route.reasons()));
                insert.setObject(10, route.firstTokenMillis());
                insert.setObject(11, route.totalMillis());
                insert.setInt(12, route.tokensIn());
                insert.setInt(13, route.tokensOut());
                insert.setBigDecimal(14, route.cost() == null ? BigDecimal.ZERO : route.cost());
                insert.setTimestamp(15, Timestamp.from(route.createdAt()));
                insert.setString(16, route.scoredModel());
                insert.setString(17, route.features() == null ? null : json.writeValueAsString(route.features()));
                insert.setBoolean(18, route.usageEstimated());
                return insert.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Optional<RouteRecord> find(String id) {
        return query("SELECT " + COLUMNS + " FROM routes WHERE id = ?", id).stream().findFirst();
    }

    /** Every route of one conversation, oldest first: one query for a whole conversation's badges. */
    public List<RouteRecord> ofConversation(String conversationId) {
        return query("SELECT " + COLUMNS + " FROM routes WHERE conversation_id = ? ORDER BY created_at", conversationId);
    }

    /** Newest first. */
    public List<RouteRecord> since(Instant from) {
        return query("SELECT " + COLUMNS + " FROM routes WHERE created_at >= ? ORDER BY created_at DESC", Timestamp.from(from));
    }

    /** What the cloud has cost today and this calendar month, in {@code zone}. */
    public record Spend(BigDecimal today, BigDecimal thisMonth) {}

    /** Both sums in one pass over this month's routes. */
    public Spend spend(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Timestamp dayStart = Timestamp.from(today.atStartOfDay(zone).toInstant());
        Timestamp monthStart = Timestamp.from(today.withDayOfMonth(1).atStartOfDay(zone).toInstant());
        return database.inTransaction(connection -> {
            try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(CASE WHEN created_at >= ? THEN cost END), 0), "
                    + "COALESCE(SUM(cost), 0) FROM routes WHERE tier = 'CLOUD' AND created_at >= ?")) {
                sum.setTimestamp(1, dayStart);
                sum.setTimestamp(2, monthStart);
                try (ResultSet rows = sum.executeQuery()) {
                    rows.next();
                    return new Spend(rows.getBigDecimal(1), rows.getBigDecimal(2));
                }
            }
        });
    }

    /** What cloud turns have cost since {@code from}. */
    public BigDecimal spentSince(Instant from) {
        return database.inTransaction(connection -> {
            try (PreparedStatement sum = connection.prepareStatement(
                    "SELECT COALESCE(SUM(cost), 0) FROM routes WHERE tier = 'CLOUD' AND created_at >= ?")) {
                sum.setTimestamp(1, Timestamp.from(from));
                try (ResultSet rows = sum.executeQuery()) {
                    rows.next();
                    return rows.getBigDecimal(1);
                }
            }
        });
    }

    private List<RouteRecord> query(String sql, Object parameter) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, parameter);
                List<RouteRecord> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        // Read apart: wasNull() speaks of the last column read, and a turn without a local answer has no score.
                        Double score = rows.getObject(7, Double.class);
                        found.add(new RouteRecord(rows.getString(1), rows.getString(2), new CorrelationId(rows.getString(3)),
                                Tier.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), score,
                                rows.getBoolean(8), readReasons(rows.getString(9)), rows.getObject(10, Long.class),
                                rows.getObject(11, Long.class), rows.getInt(12), rows.getInt(13), rows.getBigDecimal(14),
                                rows.getTimestamp(15).toInstant(), rows.getString(16), readFeatures(rows.getString(17)),
                                rows.getBoolean(18)));
                    }
                }
                return found;
            }
        });
    }

    ScoreFeatures readFeatures(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, ScoreFeatures.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private List<String> readReasons(String text) {
        try {
            return json.readValue(text, REASONS);
        } catch (JsonProcessingException e) {
            return List.of(text);
        }
    }
}
