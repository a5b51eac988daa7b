package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.storage.Database;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Conversations and their messages in the database. The person's message is stored before any model is called;
 * a reply is stored when it starts and rewritten as it grows, so a crash keeps what was shown.
 */
public final class ConversationStore {

    private static final String CONVERSATION = "id, title, pinned, private, model, created_at, updated_at";
    private static final String MESSAGE = "id, conversation_id, role, content, thinking, tool_calls, state, tier, model, "
            + "route_id, error, created_at, updated_at";

    private final Database database;
    private final Clock clock;

    public ConversationStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Runs {@code work} as one transaction: the store's writes inside it commit together, or not at all. */
    public <T> T together(java.util.function.Supplier<T> work) {
        return database.inTransaction(connection -> work.get());
    }

    public Conversation create(String title, boolean privateMode) {
        Instant now = clock.instant();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), title, false, privateMode, null, now, now);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO conversations (" + CONVERSATION + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, conversation.id());
                insert.setString(2, conversation.title());
                insert.setBoolean(3, false);
                insert.setBoolean(4, privateMode);
                insert.setString(5, null);
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now));
                return insert.executeUpdate();
            }
        });
        return conversation;
    }

    public Optional<Conversation> find(String id) {
        return conversations("SELECT " + CONVERSATION + " FROM conversations WHERE id = ? AND deleted_at IS NULL", id)
                .stream().findFirst();
    }

    /** Every conversation not deleted: pinned first, then the most recently used. */
    public List<Conversation> list() {
        return conversations("SELECT " + CONVERSATION + " FROM conversations WHERE deleted_at IS NULL "
                + "ORDER BY pinned DESC, updated_at DESC");
    }

    public void rename(String id, String title) {
        update("UPDATE conversations SET title = ? WHERE id = ?", title, id);
    }

    public void pin(String id, boolean pinned) {
        update("UPDATE conversations SET pinned = ? WHERE id = ?", pinned, id);
    }

    public void setPrivate(String id, boolean privateMode) {
        update("UPDATE conversations SET private = ? WHERE id = ?", privateMode, id);
    }

    public void setModel(String id, String model) {
        update("UPDATE conversations SET model = ? WHERE id = ?", model, id);
    }

    /** Hides a conversation; {@link #restore} brings it back (undo). */
    public void delete(String id) {
        update("UPDATE conversations SET deleted_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
    }

    public void restore(String id) {
        update("UPDATE conversations SET deleted_at = NULL WHERE id = ?", id);
    }

    public StoredMessage addUserMessage(String conversationId, String text) {
        return insertMessage(conversationId, ChatMessage.Role.USER, text, MessageState.COMPLETE, null, null);
    }

    /** A reply that is about to stream: stored at once, empty, as STREAMING. */
    public StoredMessage startReply(String conversationId, String tier, String model) {
        return insertMessage(conversationId, ChatMessage.Role.ASSISTANT, "", MessageState.STREAMING, tier, model);
    }

    /** A reply that needed no model: the fast path's answer. */
    public StoredMessage addReply(String conversationId, String text, String tier, String routeId) {
        return database.inTransaction(connection -> {
            StoredMessage reply = insertMessage(conversationId, ChatMessage.Role.ASSISTANT, text, MessageState.COMPLETE, tier, null);
            update("UPDATE messages SET route_id = ? WHERE id = ?", routeId, reply.id());
            return reply;
        });
    }

    /** Rewrites a streaming reply with what has arrived so far; a reply that has ended is never written over. */
    public void updateReply(long messageId, String content, String thinking) {
        update("UPDATE messages SET content = ?, thinking = ?, updated_at = ? WHERE id = ? AND state = 'STREAMING'",
                content, thinking, Timestamp.from(clock.instant()), messageId);
    }

    /** Ends a reply that is still streaming as failed, keeping what it holds; {@code why} says what happened. */
    public void failReply(long messageId, String why) {
        update("UPDATE messages SET state = 'FAILED', error = ?, updated_at = ? WHERE id = ? AND state = 'STREAMING'",
                why, Timestamp.from(clock.instant()), messageId);
    }

    public void finishReply(long messageId, String content, String thinking, String toolCallsJson, MessageState state,
                            String routeId, String error) {
        Instant now = clock.instant();
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE messages SET content = ?, thinking = ?, "
                    + "tool_calls = ?, state = ?, route_id = ?, error = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, content);
                update.setString(2, thinking);
                update.setString(3, toolCallsJson);
                update.setString(4, state.name());
                update.setString(5, routeId);
                update.setString(6, error);
                update.setTimestamp(7, Timestamp.from(now));
                update.setLong(8, messageId);
                update.executeUpdate();
            }
            touch(connection, messageId, now);
            return null;
        });
    }

    /** Removes a message; only for a reply row that never held anything. */
    public void deleteMessage(long messageId) {
        update("DELETE FROM messages WHERE id = ?", messageId);
    }

    public void setState(long messageId, MessageState state) {
        update("UPDATE messages SET state = ? WHERE id = ?", state.name(), messageId);
    }

    public List<StoredMessage> messages(String conversationId) {
        return messages("SELECT " + MESSAGE + " FROM messages WHERE conversation_id = ? ORDER BY id", conversationId);
    }

    public Optional<StoredMessage> message(long id) {
        return messages("SELECT " + MESSAGE + " FROM messages WHERE id = ?", id).stream().findFirst();
    }

    /** Replies that were streaming when the app last stopped become INTERRUPTED; returns how many. */
    public int markInterrupted() {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE messages SET state = 'INTERRUPTED', error = ? WHERE state = 'STREAMING'")) {
                update.setString(1, "Jarvis stopped while this reply was arriving; what was shown is kept. Regenerate to get the rest.");
                return update.executeUpdate();
            }
        });
    }

    /**
     * Messages containing every word of {@code text}, newest first, across every conversation that is not deleted
     * (H2's full-text index, so whole words; case does not matter).
     */
    public List<SearchHit> search(String text, int limit) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(connection -> {
            Set<Long> ids = new LinkedHashSet<>();
            try (PreparedStatement search = connection.prepareStatement("SELECT KEYS FROM FT_SEARCH_DATA(?, 0, 0)")) {
                search.setString(1, query);
                try (ResultSet rows = search.executeQuery()) {
                    while (rows.next()) {
                        Object[] keys = (Object[]) rows.getArray(1).getArray();
                        ids.add(Long.parseLong(String.valueOf(keys[0])));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            Array array = connection.createArrayOf("BIGINT", ids.toArray());
            List<SearchHit> hits = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT m." + MESSAGE.replace(", ", ", m.")
                    + ", c.title FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                    + "WHERE m.id = ANY(?) AND c.deleted_at IS NULL ORDER BY m.id DESC LIMIT ?")) {
                select.setArray(1, array);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hits.add(new SearchHit(readMessage(rows), rows.getString(14)));
                    }
                }
            }
            return hits;
        });
    }

    private StoredMessage insertMessage(String conversationId, ChatMessage.Role role, String content, MessageState state,
                                        String tier, String model) {
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (conversation_id, role, content, "
                    + "state, tier, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, conversationId);
                insert.setString(2, role.name());
                insert.setString(3, content);
                insert.setString(4, state.name());
                insert.setString(5, tier);
                insert.setString(6, model);
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement touch = connection.prepareStatement("UPDATE conversations SET updated_at = ? WHERE id = ?")) {
                touch.setTimestamp(1, Timestamp.from(now));
                touch.setString(2, conversationId);
                touch.executeUpdate();
            }
            return new StoredMessage(id, conversationId, role, content, null, null, state, tier, model, null, null, now, now);
        });
    }

    private static void touch(Connection connection, long messageId, Instant now) throws SQLException {
        try (PreparedStatement touch = connection.prepareStatement(
                "UPDATE conversations SET updated_at = ? WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)")) {
            touch.setTimestamp(1, Timestamp.from(now));
            touch.setLong(2, messageId);
            touch.executeUpdate();
        }
    }

    private void update(String sql, Object... parameters) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setObject(i + 1, parameters[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    private List<Conversation> conversations(String sql, Object... parameters) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                List<Conversation> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Conversation(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getBoolean(4),
                                rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant()));
                    }
                }
                return found;
            }
        });
    }

    private List<StoredMessage> messages(String sql, Object parameter) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, parameter);
                List<StoredMessage> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(readMessage(rows));
                    }
                }
                return found;
            }
        });
    }

    private static StoredMessage readMessage(ResultSet rows) throws SQLException {
        return new StoredMessage(rows.getLong(1), rows.getString(2), ChatMessage.Role.valueOf(rows.getString(3)),
                rows.getString(4), rows.getString(5), rows.getString(6), MessageState.valueOf(rows.getString(7)),
                rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                rows.getTimestamp(12).toInstant(), rows.getTimestamp(13).toInstant());
    }
}
