package jarvis.orchestrator.storage;

import java.nio.file.Path;

/** A fresh, migrated H2 file database in a test's folder. */
public final class TestDatabases {
    private TestDatabases() {}

    public static Database fresh(Path folder) {
        return Database.openFile(folder.resolve("db").resolve("jarvis"));
    }
}
