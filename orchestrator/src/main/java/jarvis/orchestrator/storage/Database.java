package jarvis.orchestrator.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: an H2 file in the data folder by default, any JDBC URL (PostgreSQL) for a shared lab. Its
 * schema belongs to the Flyway migrations in {@code jarvis/orchestrator/db/migration}; opening migrates.
 *
 * <p>The H2 file is opened in automatic mixed mode: the first process serves it, so the command line keeps
 * working beside the open window. That server listens on loopback only ({@code h2.bindAddress}, set before H2
 * loads) and every connection needs the random password kept owner-only beside the file.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String USER = "jarvis";
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    static {
        // H2 reads this once, when it first loads; its automatic server then binds to loopback alone.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }
    private static final String MIGRATIONS = "classpath:jarvis/orchestrator/db/migration";
    /** Migrations that only one database can run, such as H2's full-text index: one folder per product. */
    private static final String VENDOR_MIGRATIONS = "classpath:jarvis/orchestrator/db/vendor/";

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final AutoCloseable pool;
    private final String description;

    private Database(DataSource dataSource, AutoCloseable pool, String description) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.description = description;
    }

    /** The H2 file database at {@code base} (H2 adds {@code .mv.db}), migrated to the newest schema. */
    public static Database openFile(Path base) {
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StorageException("Cannot create the database folder " + base.getParent() + ": " + e.getMessage()
                    + ". Check that the data folder is writable.", e);
        }
        // "async:" reads and writes through AsynchronousFileChannel, which a Thread.interrupt (a cancelled job)
        // cannot close under the database, as it can a plain FileChannel.
        String url = "jdbc:h2:async:" + base.toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        ownerOnly(base.toAbsolutePath().getParent());
        String password = DatabaseCredentials.readOrCreate(base.toAbsolutePath().getParent().resolve("credentials"));
        // The checking connection stays open until the pool has its own: closing the last connection would close the
        // database, and the pool would open it (and start its server) a second time.
        Connection checked = protectWithPassword(url, password, base.toAbsolutePath().getParent().resolve("credentials"));
        try {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, password);
            pool.setMaxConnections(16);
            Database database = migrate(new Database(pool, pool::dispose, "H2 file " + base.toAbsolutePath() + ".mv.db"));
            refuseUnlessLoopback(database, Path.of(base.toAbsolutePath() + ".lock.db"));
            return database;
        } finally {
            closeQuietly(checked);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The pool holds the database open; this connection only checked the password.
            }
        }
    }

    /**
     * Makes sure the database answers only to {@code password}, and returns the connection that showed it (or null). A
     * database made by a version of Jarvis that used no password is given this one; a password that matches neither is
     * reported with what to do.
     */
    private static Connection protectWithPassword(String url, String password, Path credentials) {
        try {
            return connect(url, password);
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                return null; // Reported, with what to do, when the pool first connects.
            }
        }
        try (Connection open = connect(url, "");
             Statement statement = open.createStatement()) {
            statement.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            LOG.info("The database now requires the password kept in {}", credentials);
            return null;
        } catch (SQLException e) {
            throw new StorageException("The database refused the password kept in " + credentials + ". If the database was "
                    + "restored from a backup, restore that file from the same backup; otherwise move the database aside and Jarvis "
                    + "will start a new one.", e);
        }
    }

    /**
     * H2 reads its bind address once; if anything loaded H2 before this class, its server would listen on every
     * interface. The lock file says where the server listens: anything but loopback closes the database.
     */
    private static void refuseUnlessLoopback(Database database, Path lockFile) {
        java.util.Properties lock = new java.util.Properties();
        try (var in = Files.newBufferedReader(lockFile)) {
            lock.load(in);
        } catch (java.io.IOException e) {
            return; // Another process serves the database; its own check applies to it.
        }
        String server = lock.getProperty("server", "");
        if (!server.isEmpty() && !server.startsWith("localhost:") && !server.startsWith("127.0.0.1:")) {
            database.close();
            throw new StorageException("The database server would listen on " + server + ", beyond this machine. Start Jarvis "
                    + "with -Dh2.bindAddress=127.0.0.1 and report this: H2 was loaded before Jarvis could set it.", null);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", password);
        return new org.h2.Driver().connect(url, credentials);
    }

    private static void ownerOnly(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            LOG.debug("Cannot restrict {} to its owner: {}", folder, e.getMessage());
        }
    }

    private static Database migrate(Database database) {
        long started = System.nanoTime();
        try {
            Flyway.configure()
                    .dataSource(database.dataSource)
                    .locations(MIGRATIONS, VENDOR_MIGRATIONS + database.vendor())
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new StorageException("Cannot open the database (" + database.description + "): "
                    + rootMessage(e) + ". If another program holds it, close that program; if the file is damaged, "
                    + "move it aside and Jarvis will start a new one.", e);
        }
        LOG.info("Database ready: {} in {} ms", database.description, (System.nanoTime() - started) / 1_000_000);
        return database;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** "h2" or "postgresql": which folder of database-specific migrations applies. */
    private String vendor() {
        try (Connection connection = connection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        } catch (SQLException e) {
            throw new StorageException("Cannot reach the database (" + description + "): " + e.getMessage(), e);
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Called inside
     * another transaction on the same thread, it joins that one, so several stores' writes can commit together.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection open = current.get();
        try {
            if (open != null) {
                return work.run(open);
            }
            try (Connection connection = connection()) {
                connection.setAutoCommit(false);
                current.set(connection);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    current.remove();
                }
            }
        } catch (SQLException e) {
            throw new StorageException("Database error: " + e.getMessage(), e);
        }
    }

    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            LOG.warn("Closing the database failed", e);
        }
    }

    /** A unit of database work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
