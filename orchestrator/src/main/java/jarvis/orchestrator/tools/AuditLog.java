package jarvis.orchestrator.tools;

import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every action a tool, the fast path or a click carried out or was refused, in the database, kept. */
public final class AuditLog {

    private static final String COLUMNS = "id, at, request, route_id, reply_id, requested_by, tool, arguments, hazard, confirmation, "
            + "confirmed_by, confirmed_at, ok, result";

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Stores {@code entry} (its id is ignored) and returns it with the id it was given. */
    public AuditEntry record(AuditEntry entry) {
        long id = database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (" + COLUMNS.substring(4)
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setTimestamp(1, Timestamp.from(entry.at()));
                insert.setString(2, clip(entry.request(), 2000));
                insert.setString(3, entry.routeId());
                insert.setObject(4, entry.replyId());
                insert.setString(5, clip(entry.requestedBy(), 200));
                insert.setString(6, entry.tool());
                insert.setString(7, clip(entry.arguments(), 4000));
                insert.setString(8, entry.hazard().name());
                insert.setString(9, entry.confirmation().name());
                insert.setString(10, entry.confirmedBy());
                insert.setTimestamp(11, entry.confirmedAt() == null ? null : Timestamp.from(entry.confirmedAt()));
                insert.setBoolean(12, entry.ok());
                insert.setString(13, clip(entry.result(), 4000));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new AuditEntry(id, entry.at(), entry.request(), entry.routeId(), entry.replyId(), entry.requestedBy(), entry.tool(),
                entry.arguments(), entry.hazard(), entry.confirmation(), entry.confirmedBy(), entry.confirmedAt(), entry.ok(), entry.result());
    }

    /** Adds the result to an entry written before the call was made. */
    public void finish(long id, boolean ok, String result) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_log SET ok = ?, result = ? WHERE id = ?")) {
                update.setBoolean(1, ok);
                update.setString(2, clip(result, 4000));
                update.setLong(3, id);
                return update.executeUpdate();
            }
        });
    }

    /** Ties entries to the chat reply that shows them and the route that led to them, once both are written. */
    public void attach(List<Long> ids, long replyId, String routeId) {
        if (ids.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_log SET reply_id = ?, route_id = ? WHERE id = ?")) {
                for (long id : ids) {
                    update.setLong(1, replyId);
                    update.setString(2, routeId);
                    update.setLong(3, id);
                    update.addBatch();
                }
                return update.executeBatch().length;
            }
        });
    }

    /** Newest first. */
    public List<AuditEntry> since(Instant from) {
        return query("SELECT " + COLUMNS + " FROM audit_log WHERE at >= ? ORDER BY at DESC, id DESC", Timestamp.from(from));
    }

    /** The actions behind one chat reply, in the order they happened: its cards. */
    public List<AuditEntry> ofReply(long replyId) {
        return query("SELECT " + COLUMNS + " FROM audit_log WHERE reply_id = ? ORDER BY id", replyId);
    }

    /** The actions behind every reply of a conversation, in the order they happened: its cards, in one query. */
    public List<AuditEntry> ofConversation(String conversationId) {
        return query("SELECT " + COLUMNS + " FROM audit_log WHERE reply_id IN (SELECT id FROM messages WHERE conversation_id = ?) "
                + "ORDER BY id", conversationId);
    }

    private List<AuditEntry> query(String sql, Object parameter) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, parameter);
                List<AuditEntry> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Timestamp confirmedAt = rows.getTimestamp(12);
                        found.add(new AuditEntry(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                                rows.getObject(5, Long.class), rows.getString(6), rows.getString(7), rows.getString(8), Hazard.valueOf(rows.getString(9)),
                                Confirmation.Decision.valueOf(rows.getString(10)), rows.getString(11),
                                confirmedAt == null ? null : confirmedAt.toInstant(), rows.getBoolean(13), rows.getString(14)));
                    }
                }
                return found;
            }
        });
    }

    private static String clip(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
