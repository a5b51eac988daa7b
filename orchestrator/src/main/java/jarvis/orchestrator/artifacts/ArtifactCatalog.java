package jarvis.orchestrator.artifacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The database side of the artifact store: names, versions, checksums and metadata. */
public final class ArtifactCatalog {

    private static final String COLUMNS = "id, name, version, content_type, size_bytes, sha256, metadata, created_at";
    private static final TypeReference<TreeMap<String, String>> METADATA = new TypeReference<>() {};

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    public ArtifactCatalog(Database database) {
        this.database = database;
    }

    /**
     * Adds the next version of {@code draft.name()}. Two writers racing for the same version meet the unique
     * constraint; the loser takes the next number.
     */
    public Artifact add(Artifact draft) {
        for (int attempt = 1; ; attempt++) {
            try {
                return insertNextVersion(draft);
            } catch (jarvis.orchestrator.storage.StorageException e) {
                if (attempt >= 5 || !(e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException)) {
                    throw e;
                }
            }
        }
    }

    private Artifact insertNextVersion(Artifact draft) {
        return database.inTransaction(connection -> {
            int version = nextVersion(connection, draft.name());
            Artifact artifact = new Artifact(draft.id(), draft.name(), version, draft.contentType(), draft.size(),
                    draft.sha256(), draft.metadata(), draft.createdAt());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, artifact.id());
                insert.setString(2, artifact.name());
                insert.setInt(3, artifact.version());
                insert.setString(4, artifact.contentType());
                insert.setLong(5, artifact.size());
                insert.setString(6, artifact.sha256());
                insert.setString(7, writeMetadata(artifact.metadata()));
                insert.setTimestamp(8, Timestamp.from(artifact.createdAt()));
                insert.executeUpdate();
            }
            return artifact;
        });
    }

    private static int nextVersion(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM artifacts WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) + 1;
            }
        }
    }

    public Optional<Artifact> find(String id) {
        return query("SELECT " + COLUMNS + " FROM artifacts WHERE id = ?", id).stream().findFirst();
    }

    public List<Artifact> versions(String name) {
        return query("SELECT " + COLUMNS + " FROM artifacts WHERE name = ? ORDER BY version DESC", name);
    }

    public List<Artifact> latestByPrefix(String prefix) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return query("SELECT " + COLUMNS + " FROM artifacts a WHERE name LIKE ? ESCAPE '\\' AND version = "
                + "(SELECT MAX(version) FROM artifacts b WHERE b.name = a.name) ORDER BY name", pattern);
    }

    /** Every stored version of every name, by name and version. */
    public List<Artifact> all() {
        return query("SELECT " + COLUMNS + " FROM artifacts ORDER BY name, version");
    }

    /** Removes one version and says whether any other version still uses its bytes. */
    public boolean remove(Artifact artifact) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM artifacts WHERE id = ?")) {
                delete.setString(1, artifact.id());
                delete.executeUpdate();
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM artifacts WHERE sha256 = ?")) {
                count.setString(1, artifact.sha256());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            }
        });
    }

    private List<Artifact> query(String sql, String... parameters) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                List<Artifact> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Artifact(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                                rows.getLong(5), rows.getString(6), readMetadata(rows.getString(7)),
                                rows.getTimestamp(8).toInstant()));
                    }
                }
                return found;
            }
        });
    }

    private String writeMetadata(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Metadata cannot be stored: " + e.getMessage(), e);
        }
    }

    private Map<String, String> readMetadata(String text) {
        try {
            return json.readValue(text, METADATA);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable-metadata", text);
        }
    }
}
