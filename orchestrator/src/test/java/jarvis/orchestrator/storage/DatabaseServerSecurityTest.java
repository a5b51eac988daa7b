package jarvis.orchestrator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server that lets the command line work beside the window: loopback only, and only with the password. */
class DatabaseServerSecurityTest {

    @TempDir
    Path home;

    private Database database;
    private Properties lock;
    private String password;

    @BeforeEach
    void open() throws Exception {
        database = TestDatabases.fresh(home);
        try (Reader in = Files.newBufferedReader(home.resolve("db").resolve("jarvis.lock.db"))) {
            lock = new Properties();
            lock.load(in);
        }
        password = Files.readString(home.resolve("db").resolve("credentials")).strip();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Connection connect(String host, String user, String secret) throws SQLException {
        String port = lock.getProperty("server").substring(lock.getProperty("server").lastIndexOf(':') + 1);
        return open("jdbc:h2:tcp://" + host + ":" + port + "/" + lock.getProperty("id"), user, secret);
    }

    private static Connection open(String url, String user, String secret) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", secret);
        return new org.h2.Driver().connect(url, credentials);
    }

    @Test
    void theServerAdvertisesLoopbackAndAnswersThereWithThePassword() throws Exception {
        assertThat(lock.getProperty("server")).startsWith("localhost:");
        try (Connection connection = connect("127.0.0.1", "jarvis", password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void aConnectionWithoutThePasswordIsRefused() {
        assertThatThrownBy(() -> connect("127.0.0.1", "jarvis", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        assertThatThrownBy(() -> connect("127.0.0.1", "sa", "").close()).isInstanceOf(SQLException.class);
    }

    @Test
    void aConnectionOverANonLoopbackAddressIsRefusedEvenWithThePassword() throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        assertThatThrownBy(() -> connect(external.get().getHostAddress(), "jarvis", password).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void thePasswordIsKeptOwnerOnlyAndADatabaseWithoutOneIsGivenIt() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("db").resolve("credentials"))))
                .isEqualTo("rw-------");
        database.close();
        // A database made before passwords: the next open gives it the stored one.
        Path older = home.resolve("older");
        String legacy = "jdbc:h2:" + older.resolve("db").resolve("jarvis").toAbsolutePath();
        open(legacy, "jarvis", "").close();
        database = TestDatabases.fresh(older);
        String stored = Files.readString(older.resolve("db").resolve("credentials")).strip();
        database.close();
        assertThatThrownBy(() -> open(legacy, "jarvis", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        open(legacy, "jarvis", stored).close();
        database = TestDatabases.fresh(older);
    }
}
