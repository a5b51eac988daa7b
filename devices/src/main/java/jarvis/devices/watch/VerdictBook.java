package jarvis.devices.watch;

import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every verdict the failure watch gave, with the frame it judged (an artifact) and whether the print was paused for
 * it; a person marks verdicts right or wrong, and the marks give the watch's precision so far.
 */
public final class VerdictBook {

    /** A verdict as kept: its id, printer, job, when, the verdict itself, its frame's artifact, the pause, the mark. */
    public record Stored(long id, String printer, String job, Instant at, Verdict verdict, Optional<String> frame, boolean paused,
                         Optional<Boolean> right) {}

    /**
     * How the watch has done by the marks: alarms (warnings and failures) marked right and wrong, and prints marked
     * ok that were not.
     */
    public record Precision(int alarmsRight, int alarmsWrong, int missed) {

        /** Alarms that were right, out of alarms marked; empty before any is marked. */
        public Optional<Double> value() {
            int marked = alarmsRight + alarmsWrong;
            return marked == 0 ? Optional.empty() : Optional.of((double) alarmsRight / marked);
        }

        /** "precision 80 % (4 of 5 alarms right)", or that nothing is marked yet. */
        public String sentence() {
            String said = value().map(share -> "precision " + Math.round(share * 100) + " % (" + alarmsRight + " of " + (alarmsRight + alarmsWrong)
                    + " alarms right)").orElse("no alarm marked yet");
            return missed == 0 ? said : said + ", " + missed + " missed";
        }
    }

    private final Database database;

    public VerdictBook(Database database) {
        this.database = database;
    }

    /** Keeps a verdict; returns its id. */
    public long record(String printer, String job, Instant at, Verdict verdict, Optional<String> frame, boolean paused) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO watch_verdicts (printer, job, seen_at, verdict, confidence, "
                    + "reason, model, frame, paused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, printer);
                insert.setString(2, job);
                insert.setTimestamp(3, Timestamp.from(at));
                insert.setString(4, verdict.call().name());
                insert.setDouble(5, verdict.confidence());
                insert.setString(6, verdict.reason().length() > 2000 ? verdict.reason().substring(0, 2000) : verdict.reason());
                insert.setString(7, verdict.model());
                insert.setString(8, frame.orElse(null));
                insert.setBoolean(9, paused);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * A person's mark on a verdict: right or wrong.
     *
     * @throws IllegalArgumentException when there is no verdict of that id
     */
    public void mark(long id, boolean right) {
        int marked = database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE watch_verdicts SET mark = ? WHERE id = ?")) {
                update.setString(1, right ? "RIGHT" : "WRONG");
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
        if (marked == 0) {
            throw new IllegalArgumentException("There is no verdict " + id + ": './jarvis printers verdicts' lists them with their numbers.");
        }
    }

    /** The latest verdicts, newest first, of one printer or of all. */
    public List<Stored> recent(Optional<String> printer, int limit) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, printer, job, seen_at, verdict, confidence, reason, model, frame, "
                    + "paused, mark FROM watch_verdicts WHERE (? IS NULL OR LOWER(printer) = LOWER(?)) ORDER BY seen_at DESC, id DESC LIMIT ?")) {
                select.setString(1, printer.orElse(null));
                select.setString(2, printer.orElse(null));
                select.setInt(3, limit);
                List<Stored> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Verdict verdict = new Verdict(Verdict.Call.valueOf(rows.getString(5)), rows.getDouble(6), rows.getString(7), rows.getString(8),
                                Duration.ZERO);
                        String mark = rows.getString(11);
                        found.add(new Stored(rows.getLong(1), rows.getString(2), Optional.ofNullable(rows.getString(3)).orElse(""),
                                rows.getTimestamp(4).toInstant(), verdict, Optional.ofNullable(rows.getString(9)), rows.getBoolean(10),
                                mark == null ? Optional.empty() : Optional.of(mark.equals("RIGHT"))));
                    }
                }
                return found;
            }
        });
    }

    /** The watch's precision by the marks so far, over every printer. */
    public Precision precision() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT "
                    + "SUM(CASE WHEN verdict IN ('WARNING', 'FAILURE') AND mark = 'RIGHT' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN verdict IN ('WARNING', 'FAILURE') AND mark = 'WRONG' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN verdict = 'OK' AND mark = 'WRONG' THEN 1 ELSE 0 END) FROM watch_verdicts");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return new Precision(rows.getInt(1), rows.getInt(2), rows.getInt(3));
            }
        });
    }
}
