package jarvis.devices.cameras;

import jarvis.devices.printers.BambuCamera;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.storage.Database;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The workshop's cameras, as a person added them: each one's name, address and user name in the database, its
 * password in the secret store ({@code camera.<name>-<hash>.password}), and a camera made from them on demand.
 */
public final class CameraBook {

    /** What serves a camera's pictures. */
    public enum Kind {
        HTTP("HTTP"), FRIGATE("Frigate"), UNIFI("UniFi Protect"), HOMEASSISTANT("Home Assistant"), BAMBU("Bambu printer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "http" (or "mjpeg", "snapshot"), "frigate", "unifi", "homeassistant" (or "hass"), "bambu". */
        public static Kind parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "http", "https", "mjpeg", "snapshot" -> HTTP;
                case "frigate" -> FRIGATE;
                case "unifi", "protect", "unifi-protect" -> UNIFI;
                case "homeassistant", "home-assistant", "hass", "ha" -> HOMEASSISTANT;
                case "bambu", "bambulab" -> BAMBU;
                default -> throw new IllegalArgumentException("'" + text + "' is not a kind of camera Jarvis knows: use http, frigate, unifi, "
                        + "homeassistant or bambu.");
            };
        }
    }

    /**
     * One camera: what it is called, what serves it, its address, the user name it wants (if any), which of the
     * server's cameras it is (a Frigate camera's name, a UniFi camera's id, a Home Assistant entity, a Bambu serial;
     * empty for a plain address), and how often the Cameras area reads it.
     */
    public record Entry(String name, Kind kind, URI url, String username, String source, Duration refresh) {

        public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);

        /** A plain snapshot or MJPEG address, read every two seconds. */
        public Entry(String name, URI url, String username) {
            this(name, Kind.HTTP, url, username, "", DEFAULT_REFRESH);
        }
    }

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,62}");

    private final Database database;
    private final Secrets secrets;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Map<Entry, Made> shared = new ConcurrentHashMap<>();

    private record Made(Camera camera, String secret, Instant at) {}

    private static final Duration SECRET_KEPT = Duration.ofMinutes(1);

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
     * @throws IllegalArgumentException with what to change when the name, the address, the source or the secret will not do
     */
    public void add(Entry entry, String password) {
        check(entry, password);
        shared.keySet().removeIf(known -> known.name().equalsIgnoreCase(entry.name()));
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cameras WHERE LOWER(name) = LOWER(?)")) {
                delete.setString(1, entry.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cameras (name, url, username, added_at, kind, source, "
                    + "refresh_millis) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.name());
                insert.setString(2, entry.url().toString());
                insert.setString(3, entry.username().isBlank() ? null : entry.username());
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                insert.setString(5, entry.kind().name());
                insert.setString(6, entry.source().isBlank() ? null : entry.source().strip());
                insert.setInt(7, (int) entry.refresh().toMillis());
                return insert.executeUpdate();
            }
        });
        secrets.put(secretOf(entry.name()), new Secret(password));
    }

    /** Every camera, by name. */
    public List<Entry> entries() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, url, username, kind, source, refresh_millis FROM cameras "
                    + "ORDER BY LOWER(name)");
                 ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), Kind.valueOf(rows.getString(4)), URI.create(rows.getString(2)),
                            Optional.ofNullable(rows.getString(3)).orElse(""), Optional.ofNullable(rows.getString(5)).orElse(""),
                            Duration.ofMillis(rows.getInt(6))));
                }
                return entries;
            }
        });
    }

    /** The camera of that name, whatever its case. */
    public Optional<Entry> entry(String name) {
        return entries().stream().filter(entry -> entry.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * The camera itself, with its password, token, API key or access code from the secret store: one per camera,
     * shared by all who read it, made again when its entry or its secret changed (the secret looked at each minute).
     */
    public Camera camera(Entry entry) {
        Made made = made(entry);
        if (made != null && made.at().isAfter(clock.instant().minus(SECRET_KEPT))) {
            return made.camera();
        }
        String secret = secrets.get(secretOf(entry.name())).map(Secret::reveal).orElse("");
        if (made != null && made.secret().equals(secret)) {
            shared.put(entry, new Made(made.camera(), secret, clock.instant()));
            return made.camera();
        }
        Camera camera = new SharedCamera(make(entry, secret), clock);
        shared.put(entry, new Made(camera, secret, clock.instant()));
        return camera;
    }

    private Made made(Entry entry) {
        // An entry changed under the same name (a new address, say) leaves its old camera behind.
        shared.keySet().removeIf(known -> known.name().equals(entry.name()) && !known.equals(entry));
        return shared.get(entry);
    }

    private Camera make(Entry entry, String secret) {
        String base = entry.url().toString().replaceAll("/+$", "");
        String source = URLEncoder.encode(entry.source(), StandardCharsets.UTF_8);
        return switch (entry.kind()) {
            case HTTP -> new HttpCamera(entry.name(), entry.url(), entry.username(), secret, Map.of(), http, timeout, clock);
            case FRIGATE -> new FrigateCamera(entry.name(), URI.create(base), entry.source(), entry.username(), secret, http, timeout, clock);
            case UNIFI -> new HttpCamera(entry.name(), URI.create(base + "/proxy/protect/integration/v1/cameras/" + source + "/snapshot?highQuality=false"),
                    "", "", Map.of("X-API-KEY", secret), http, timeout, clock);
            case HOMEASSISTANT -> new HttpCamera(entry.name(), URI.create(base + "/api/camera_proxy/" + source), "", "",
                    Map.of("Authorization", "Bearer " + secret), http, timeout, clock);
            case BAMBU -> new BambuCamera(entry.name(), entry.url().getHost(), entry.url().getPort() > 0 ? entry.url().getPort() : BambuCamera.PORT,
                    entry.source(), secret, timeout, clock);
        };
    }

    /** What an entry must have for its kind; the message says what to change. */
    private static void check(Entry entry, String secret) {
        if (!NAME.matcher(entry.name()).matches()) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot name a camera: use letters, digits, spaces, '-', '_' or '.', "
                    + "at most 63, starting with a letter or digit.");
        }
        String scheme = entry.url().getScheme() == null ? "" : entry.url().getScheme().toLowerCase(Locale.ROOT);
        boolean web = (scheme.equals("http") || scheme.equals("https")) && entry.url().getHost() != null;
        if (entry.kind() == Kind.BAMBU ? entry.url().getHost() == null : !web) {
            throw new IllegalArgumentException("'" + entry.url() + "' is not an address for " + (entry.kind() == Kind.HTTP ? "an" : "a") + " "
                    + entry.kind().label() + " camera: " + switch (entry.kind()) {
                case HTTP -> "use its snapshot or MJPEG address, such as http://192.168.1.50/ISAPI/Streaming/channels/101/picture or "
                        + "http://pi.local:8080/?action=stream.";
                case FRIGATE -> "use Frigate's address, such as http://frigate.local:5000 or https://frigate.local:8971.";
                case UNIFI -> "use the console's address, such as https://192.168.1.1.";
                case HOMEASSISTANT -> "use Home Assistant's address, such as http://homeassistant.local:8123.";
                case BAMBU -> "use the printer's IP address, such as 192.168.1.40.";
            });
        }
        if (entry.url().getUserInfo() != null) {
            throw new IllegalArgumentException("Leave the user name and password out of the address: give --user, and pipe the password in.");
        }
        if (entry.kind() != Kind.HTTP && entry.source().isBlank()) {
            throw new IllegalArgumentException("A " + entry.kind().label() + " camera needs --source: " + switch (entry.kind()) {
                case FRIGATE -> "the camera's name in Frigate's config (front_door).";
                case UNIFI -> "the camera's id (GET /proxy/protect/integration/v1/cameras lists them).";
                case HOMEASSISTANT -> "the camera's entity (camera.workshop).";
                default -> "the printer's serial number.";
            });
        }
        if (entry.kind() == Kind.HOMEASSISTANT && !entry.source().startsWith("camera.")) {
            throw new IllegalArgumentException("'" + entry.source() + "' is not a camera entity: Home Assistant's cameras are camera.something.");
        }
        if ((entry.kind() == Kind.UNIFI || entry.kind() == Kind.HOMEASSISTANT || entry.kind() == Kind.BAMBU) && secret.isBlank()) {
            throw new IllegalArgumentException("A " + entry.kind().label() + " camera needs its " + switch (entry.kind()) {
                case UNIFI -> "API key (UniFi OS ▸ Settings ▸ Control Plane ▸ Integrations)";
                case HOMEASSISTANT -> "long-lived access token (your profile in Home Assistant ▸ Security)";
                default -> "LAN access code (Settings ▸ LAN Only on the printer)";
            } + ", piped in.");
        }
        if (entry.refresh().compareTo(Duration.ofMillis(200)) < 0 || entry.refresh().compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("Read a camera between every 0.2 s and every 60 s, not every " + entry.refresh().toMillis() / 1000.0 + " s.");
        }
    }
}
