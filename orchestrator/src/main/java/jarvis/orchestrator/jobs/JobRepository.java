package jarvis.orchestrator.jobs;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Jobs in the database, so a restart shows what finished, what failed and what was interrupted. */
public final class JobRepository {

    private static final String COLUMNS =
            "id, type, title, payload, state, progress, message, attempts, correlation_id, retry_of, created_at, updated_at";

    private final Database database;

    public JobRepository(Database database) {
        this.database = database;
    }

    public void insert(JobRecord job) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, job.id());
                insert.setString(2, job.type());
                insert.setString(3, job.title());
                insert.setString(4, job.payload());
                insert.setString(5, job.state().name());
                insert.setDouble(6, job.progress());
                insert.setString(7, job.message());
                insert.setInt(8, job.attempts());
                insert.setString(9, job.correlationId().value());
                insert.setString(10, job.retryOf().orElse(null));
                insert.setTimestamp(11, Timestamp.from(job.createdAt()));
                insert.setTimestamp(12, Timestamp.from(job.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    public void update(JobRecord job) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE jobs SET state = ?, progress = ?, message = ?, attempts = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, job.state().name());
                update.setDouble(2, job.progress());
                update.setString(3, truncate(job.message()));
                update.setInt(4, job.attempts());
                update.setTimestamp(5, Timestamp.from(job.updatedAt()));
                update.setString(6, job.id());
                return update.executeUpdate();
            }
        });
    }

    public Optional<JobRecord> find(String id) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
                select.setString(1, id);
                List<JobRecord> found = read(select);
                return found.stream().findFirst();
            }
        });
    }

    public List<JobRecord> newest(int limit) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM jobs ORDER BY created_at DESC, id LIMIT ?")) {
                select.setInt(1, limit);
                return read(select);
            }
        });
    }

    /** Marks every job that was under way when the app last stopped as interrupted; returns how many. */
    public int markUnfinishedAsInterrupted(Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE jobs SET state = 'INTERRUPTED', message = ?, updated_at = ? "
                            + "WHERE state IN ('QUEUED', 'RUNNING', 'RETRY_WAIT')")) {
                update.setString(1, "Jarvis stopped while this job was under way; retry it to run it again.");
                update.setTimestamp(2, Timestamp.from(now));
                return update.executeUpdate();
            }
        });
    }

    private static List<JobRecord> read(PreparedStatement select) throws SQLException {
        List<JobRecord> jobs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                jobs.add(new JobRecord(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        JobState.valueOf(rows.getString(5)), rows.getDouble(6), rows.getString(7), rows.getInt(8),
                        new CorrelationId(rows.getString(9)), Optional.ofNullable(rows.getString(10)),
                        rows.getTimestamp(11).toInstant(), rows.getTimestamp(12).toInstant()));
            }
        }
        return jobs;
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }
}
