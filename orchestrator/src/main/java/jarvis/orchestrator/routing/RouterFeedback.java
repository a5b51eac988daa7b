package jarvis.orchestrator.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the router learns from the person. A verdict on a local answer (thumbs up or down, "Ask the cloud" after
 * it, Regenerate) is stored as a label on its route; once a local model has {@link Calibrator#MINIMUM_LABELS}
 * labels, the scoring rule is fitted to them, stored, and used for that model's next answers.
 */
public final class RouterFeedback {

    /** Where a verdict came from. */
    public enum Source { THUMBS, ASK_CLOUD, REGENERATE }

    /** One local model's learning so far: its labels, how many were satisfied, and the rule in use. */
    public record ModelCalibration(String model, int labels, int satisfied, ScoringRule rule, Reliability reliability) {}

    private final Database database;
    private final RouteLog routes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ScoringRule> rules = new ConcurrentHashMap<>();

    public RouterFeedback(Database database, RouteLog routes, Clock clock) {
        this.database = database;
        this.routes = routes;
        this.clock = clock;
    }

    /** The rule for {@code model}'s answers: fitted to the person's labels when there are enough, else the default. */
    public ScoringRule ruleFor(String model) {
        ScoringRule cached = rules.get(model);
        return cached != null ? cached : readRule(model);
    }

    /** Reads a rule into the cache under the lock a refit and a reset take, so that neither can be undone by a stale read. */
    private synchronized ScoringRule readRule(String model) {
        return rules.computeIfAbsent(model, this::storedRule);
    }

    /**
     * Records the person's verdict on the local answer of {@code routeId}, and fits the model's rule anew when it
     * has enough labels. A route with no scored local answer (fast path, the cloud asked directly) teaches nothing
     * and is ignored; the answer says whether the verdict was kept.
     */
    public boolean label(String routeId, boolean satisfied, Source source) {
        Optional<RouteRecord> route = routes.find(routeId);
        // Only a local answer the person saw teaches: a verdict on a cloud answer says nothing of the local one.
        if (route.isEmpty() || route.get().tier() != Tier.LOCAL || route.get().features() == null || route.get().scoredModel() == null) {
            return false;
        }
        replace("route_labels", "route_id", routeId, "INSERT INTO route_labels (route_id, satisfied, source, created_at) VALUES (?, ?, ?, ?)",
                routeId, satisfied, source.name(), Timestamp.from(clock.instant()));
        refit(route.get().scoredModel());
        return true;
    }

    /** Fits {@code model}'s rule to its labels now, stores it and uses it from the next answer. */
    public synchronized ScoringRule refit(String model) {
        List<Labelled> labelled = labelled(model);
        ScoringRule rule = Calibrator.fit(model, labelled.stream().map(Labelled::label).toList());
        String weights;
        try {
            weights = json.writeValueAsString(rule.weights());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        replace("router_calibrations", "model", model, "INSERT INTO router_calibrations (model, weights, labels, fitted_at) VALUES (?, ?, ?, ?)",
                model, weights, labelled.size(), Timestamp.from(clock.instant()));
        rules.put(model, rule);
        return rule;
    }

    /** Every local model that has labels, with its figures and reliability diagram. */
    public List<ModelCalibration> calibrations() {
        List<String> models = database.inTransaction(connection -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT r.scored_model FROM routes r "
                    + "JOIN route_labels l ON l.route_id = r.id WHERE r.scored_model IS NOT NULL ORDER BY r.scored_model");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        });
        return models.stream().map(this::calibration).toList();
    }

    public ModelCalibration calibration(String model) {
        List<Labelled> labelled = labelled(model);
        int satisfied = (int) labelled.stream().filter(l -> l.label().satisfied()).count();
        Reliability reliability = Reliability.of(labelled.stream().map(l -> new Reliability.Point(l.score(), l.label().satisfied())).toList(), 10);
        return new ModelCalibration(model, labelled.size(), satisfied, ruleFor(model), reliability);
    }

    /** Forgets every label and fitted rule: the default rule applies again. */
    public synchronized void reset() {
        database.inTransaction(connection -> {
            try (PreparedStatement labels = connection.prepareStatement("DELETE FROM route_labels");
                 PreparedStatement fitted = connection.prepareStatement("DELETE FROM router_calibrations")) {
                labels.executeUpdate();
                return fitted.executeUpdate();
            }
        });
        rules.clear();
    }

    /** Replaces the row whose {@code keyColumn} is {@code key} with a new one, in one transaction, in SQL every database takes. */
    private void replace(String table, String keyColumn, String key, String insert, Object... values) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?");
                 PreparedStatement add = connection.prepareStatement(insert)) {
                delete.setString(1, key);
                delete.executeUpdate();
                for (int i = 0; i < values.length; i++) {
                    add.setObject(i + 1, values[i]);
                }
                return add.executeUpdate();
            }
        });
    }

    private record Labelled(Calibrator.Label label, double score) {}

    private List<Labelled> labelled(String model) {
        return database.inTransaction(connection -> {
            List<Labelled> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT r.score_features, r.score, l.satisfied FROM routes r "
                    + "JOIN route_labels l ON l.route_id = r.id WHERE r.scored_model = ? AND r.score_features IS NOT NULL")) {
                select.setString(1, model);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ScoreFeatures features = routes.readFeatures(rows.getString(1));
                        if (features != null) {
                            found.add(new Labelled(new Calibrator.Label(features, rows.getBoolean(3)), rows.getDouble(2)));
                        }
                    }
                }
            }
            return found;
        });
    }

    private ScoringRule storedRule(String model) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT weights, labels FROM router_calibrations WHERE model = ?")) {
                select.setString(1, model);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || rows.getInt(2) < Calibrator.MINIMUM_LABELS) {
                        return ScoringRule.DEFAULT;
                    }
                    double[] weights = json.readValue(rows.getString(1), double[].class);
                    if (weights.length != ScoreFeatures.NAMES.size()) {
                        return ScoringRule.DEFAULT;
                    }
                    return ScoringRule.of(Calibrator.source(model, rows.getInt(2)), weights);
                } catch (JsonProcessingException e) {
                    return ScoringRule.DEFAULT;
                }
            }
        });
    }
}
