package jarvis.devices.cameras;

import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The workshop's cameras, as a person added them: each one's name, address and user name in the database, its
 * password in the secret store ({@code camera.<name>-<hash>.password}), and a camera made from them on demand.
 */
public final class CameraBook {

    /** One camera: what it is called, its snapshot or stream address, and the user name it wants, if any. */
    public record Entry(String name, URI url, String username) {}

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,62}");

    private final Database database;
    private final Secrets secrets;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public CameraBook(Database database, Secrets secrets, HttpClient http, Duration timeout, Clock clock) {
        this.database = database;
        this.secrets = secrets;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static SecretName secretOf(String name) {
        return SecretName.of("camera", name, "password", "Password of the camera " + name);
    }

    /**
     * Adds a camera, or replaces the one of that name.
     *
     * @throws IllegalArgumentException with what to change when the name or the address will not do
     */
    public void add(Entry entry, String password) {
        if (!NAME.matcher(entry.name()).matches()) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot name a camera: use letters, digits, spaces, '-', '_' or '.', "
                    + "at most 63, starting with a letter or digit.");
        }
        String scheme = entry.url().getScheme() == null ? "" : entry.url().getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || entry.url().getHost() == null) {
            throw new IllegalArgumentException("'" + entry.url() + "' is not a camera address Jarvis can read: use its snapshot or MJPEG "
                    + "address, such as http://192.168.1.50/ISAPI/Streaming/channels/101/picture or http://pi.local:8080/?action=stream.");
        }
        if (entry.url().getUserInfo() != null) {
            throw new IllegalArgumentException("Leave the user name and password out of the address: give --user, and pipe the password in.");
        }
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cameras WHERE LOWER(name) = LOWER(?)")) {
                delete.setString(1, entry.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cameras (name, url, username, added_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, entry.name());
                insert.setString(2, entry.url().toString());
                insert.setString(3, entry.username().isBlank() ? null : entry.username());
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                return insert.executeUpdate();
            }
        });
        secrets.put(secretOf(entry.name()), new Secret(password));
    }

    /** Every camera, by name. */
    public List<Entry> entries() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, url, username FROM cameras ORDER BY LOWER(name)");
                 ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), URI.create(rows.getString(2)), Optional.ofNullable(rows.getString(3)).orElse("")));
                }
                return entries;
            }
        });
    }

    /** The camera of that name, whatever its case. */
    public Optional<Entry> entry(String name) {
        return entries().stream().filter(entry -> entry.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The camera itself, with its password from the secret store. */
    public Camera camera(Entry entry) {
        String password = secrets.get(secretOf(entry.name())).map(Secret::reveal).orElse("");
        return new HttpCamera(entry.name(), entry.url(), entry.username(), password, http, timeout, clock);
    }
}
