package jarvis.orchestrator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void migratesAnEmptyFolderToTheNewestSchema() throws Exception {
        try (Database database = TestDatabases.fresh(folder);
             Connection connection = database.connection();
             ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase());
            }
            assertThat(names).contains("jobs", "artifacts", "flyway_schema_history");
        }
        assertThat(folder.resolve("db/jarvis.mv.db")).exists();
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsRows() {
        try (Database database = TestDatabases.fresh(folder)) {
            database.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO jobs (id, type, title, state, correlation_id, created_at, updated_at) "
                            + "VALUES ('j1', 't', 'title', 'SUCCEEDED', 'c', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
        }
        try (Database database = TestDatabases.fresh(folder)) {
            int count = database.inTransaction(c -> {
                ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM jobs");
                rows.next();
                return rows.getInt(1);
            });
            assertThat(count).isEqualTo(1);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Database database = TestDatabases.fresh(folder)) {
            try {
                database.inTransaction(c -> {
                    c.createStatement().executeUpdate("INSERT INTO jobs (id, type, title, state, correlation_id, created_at, updated_at) "
                            + "VALUES ('j1', 't', 'title', 'SUCCEEDED', 'c', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                    throw new IllegalStateException("abort");
                });
            } catch (IllegalStateException expected) {
                // the transaction must be rolled back
            }
            int count = database.inTransaction(c -> {
                ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM jobs");
                rows.next();
                return rows.getInt(1);
            });
            assertThat(count).isZero();
        }
    }

    @Test
    void aDamagedDatabaseFileIsReportedWithTheWayOut() throws Exception {
        java.nio.file.Files.createDirectories(folder.resolve("db"));
        java.nio.file.Files.write(folder.resolve("db/jarvis.mv.db"), "this is not an H2 file at all".repeat(200).getBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestDatabases.fresh(folder))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot open the database")
                .hasMessageContaining("move it aside");
        assertThat(folder.resolve("db/jarvis.mv.db")).as("the damaged file is left as it was").exists();
    }
}
