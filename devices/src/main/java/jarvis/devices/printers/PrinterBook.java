package jarvis.devices.printers;

import jarvis.devices.cameras.Camera;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.SharedCamera;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The workshop's printers, as a person added them: each one's name, kind and address in the database, its API key or
 * access code in the secret store ({@code printer.<name>.key}), and a driver made from them on demand.
 */
public final class PrinterBook {

    /** The kinds of printer server Jarvis drives. */
    public enum Kind {
        OCTOPRINT("OctoPrint"), MOONRAKER("Moonraker"), BAMBU("Bambu");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "octoprint", "Moonraker", "klipper" (Moonraker's printer), "bambu". */
        public static Kind parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "octoprint" -> OCTOPRINT;
                case "moonraker", "klipper" -> MOONRAKER;
                case "bambu", "bambulab" -> BAMBU;
                default -> throw new IllegalArgumentException("'" + text + "' is not a printer kind Jarvis knows: use octoprint, moonraker or bambu.");
            };
        }
    }

    /** One printer: what it is called, what drives it, where it is, and for a Bambu its serial number. */
    public record Entry(String name, Kind kind, URI url, Optional<String> serial) {}

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,62}");

    private final Database database;
    private final Secrets secrets;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    /**
     * Drivers made lately, so a poll every two seconds does not read the key store each time (nor open a Bambu's
     * connection again): looked at again after a minute, and made again only when the key changed.
     */
    private final Map<Entry, Made> drivers = new ConcurrentHashMap<>();
    private final Map<Entry, BuildVolume> volumes = new ConcurrentHashMap<>();

    private record Made(Printer printer, String key, Instant at) {}

    private record Own(Camera camera, String key) {}

    private final Map<Entry, Own> ownCameras = new ConcurrentHashMap<>();

    private static final Duration DRIVER_KEPT = Duration.ofMinutes(1);

    public PrinterBook(Database database, Secrets secrets, HttpClient http, Duration timeout, Clock clock) {
        this.database = database;
        this.secrets = secrets;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The secret that holds a printer's API key (OctoPrint, Moonraker) or LAN access code (Bambu). */
    public static SecretName secretOf(String name) {
        return SecretName.of("printer", name, "key", "API key or access code of the printer " + name);
    }

    /**
     * Adds a printer, or replaces the one of that name; {@code key} may be empty (a Moonraker that trusts this
     * machine needs none).
     *
     * @throws IllegalArgumentException with what to change when the name, the address or the serial will not do
     */
    public void add(Entry entry, String key) {
        if (!NAME.matcher(entry.name()).matches()) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot name a printer: use letters, digits, spaces, '-', '_' or '.', "
                    + "at most 63, starting with a letter or digit.");
        }
        String scheme = entry.url().getScheme() == null ? "" : entry.url().getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (entry.kind() == Kind.BAMBU ? entry.url().getHost() == null && !web && entry.url().getSchemeSpecificPart().isBlank()
                : !web || entry.url().getHost() == null) {
            throw new IllegalArgumentException("'" + entry.url() + "' is not an address for " + entry.kind().label() + ": use "
                    + (entry.kind() == Kind.BAMBU ? "the printer's IP address, such as 192.168.1.40" : "http://host:port"
                    + (entry.kind() == Kind.MOONRAKER ? " (Moonraker listens on 7125)" : "")) + ".");
        }
        if (entry.url().getUserInfo() != null || entry.url().getQuery() != null) {
            throw new IllegalArgumentException("Leave the user name, password and key out of the address (" + entry.url().getScheme() + "://"
                    + entry.url().getHost() + "…): the key is piped in and kept as a secret, and the address is shown in lists and messages.");
        }
        if (entry.kind() == Kind.BAMBU && entry.serial().filter(serial -> !serial.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("A Bambu printer needs its serial number (--serial), shown under Settings → Device on the printer.");
        }
        if (entry.kind() == Kind.BAMBU && key.isBlank()) {
            throw new IllegalArgumentException("A Bambu printer needs its LAN access code, shown under Settings → LAN Only on the printer.");
        }
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM printers WHERE LOWER(name) = LOWER(?)")) {
                delete.setString(1, entry.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO printers (name, kind, url, serial, added_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.name());
                insert.setString(2, entry.kind().name());
                insert.setString(3, entry.url().toString());
                insert.setString(4, entry.serial().orElse(null));
                insert.setTimestamp(5, Timestamp.from(clock.instant()));
                return insert.executeUpdate();
            }
        });
        secrets.put(secretOf(entry.name()), new Secret(key));
        forgetDrivers();
    }

    /** Closes every driver that holds a connection (a Bambu's MQTT, a Moonraker's websocket): Jarvis is stopping. */
    public void close() {
        forgetDrivers();
    }

    /** Drivers that hold a connection (a Bambu's) are closed when the book changes; the next read makes them again. */
    private void forgetDrivers() {
        drivers.values().forEach(made -> closeQuietly(made.printer()));
        drivers.clear();
    }

    private static void closeQuietly(Printer printer) {
        if (printer instanceof AutoCloseable connected) {
            try {
                connected.close();
            } catch (Exception ignored) {
                // Closing a connection that is going anyway.
            }
        }
    }

    /** Removes a printer and its key; false when there was none of that name. */
    public boolean remove(String name) {
        Optional<Entry> known = entry(name);
        if (known.isEmpty()) {
            return false;
        }
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM printers WHERE name = ?")) {
                delete.setString(1, known.get().name());
                return delete.executeUpdate();
            }
        });
        secrets.put(secretOf(known.get().name()), new Secret(""));
        forgetDrivers();
        return true;
    }

    /** Every printer, by name. */
    public List<Entry> entries() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, kind, url, serial FROM printers ORDER BY LOWER(name)");
                 ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), Kind.valueOf(rows.getString(2)), URI.create(rows.getString(3)),
                            Optional.ofNullable(rows.getString(4))));
                }
                return entries;
            }
        });
    }

    /** The printer of that name, whatever its case. */
    public Optional<Entry> entry(String name) {
        return entries().stream().filter(entry -> entry.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Whether the printer has a key or access code stored. */
    public boolean hasKey(String name) {
        return secrets.get(secretOf(name)).map(secret -> !secret.isBlank()).orElse(false);
    }

    /** The camera a person linked to a printer (a camera's name), if any. */
    public Optional<String> cameraOf(String printer) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT camera FROM printers WHERE LOWER(name) = LOWER(?)")) {
                select.setString(1, printer.strip());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Links a camera to a printer (the one the failure watch and the printer's tile look through), or unlinks it.
     *
     * @throws IllegalArgumentException when there is no printer of that name
     */
    public void linkCamera(String printer, Optional<String> camera) {
        int linked = database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE printers SET camera = ? WHERE LOWER(name) = LOWER(?)")) {
                update.setString(1, camera.map(String::strip).filter(name -> !name.isEmpty()).orElse(null));
                update.setString(2, printer.strip());
                return update.executeUpdate();
            }
        });
        if (linked == 0) {
            throw new IllegalArgumentException("There is no printer '" + printer + "': './jarvis printers' lists them.");
        }
    }

    /** The camera that watches a printer: the one a person linked, else the printer's own, if it has one. */
    public Optional<Camera> camera(Entry entry, CameraBook cameras) {
        return cameraOf(entry.name()).flatMap(cameras::entry).map(cameras::camera).or(() -> ownCamera(entry));
    }

    /** The printer's own camera: a Bambu A1's or P1's stream (TLS on 6000, its access code); none for other kinds. */
    public Optional<Camera> ownCamera(Entry entry) {
        if (entry.kind() != Kind.BAMBU || entry.url().getHost() == null) {
            return Optional.empty();
        }
        String key = secrets.get(secretOf(entry.name())).map(Secret::reveal).orElse("");
        // One per printer and access code, shared by the tile and the failure watch: a P1 serves two streams at most.
        return Optional.of(ownCameras.compute(entry, (known, made) -> made != null && made.key().equals(key) ? made
                : new Own(new SharedCamera(new BambuCamera(entry.name(), entry.url().getHost(), BambuCamera.PORT, entry.serial().orElse(""), key,
                        timeout, clock), clock), key)).camera());
    }

    /**
     * The printer's build volume, asked of the printer once and kept (it does not change while it is in the book); a
     * printer that cannot be reached now is asked again next time.
     */
    public Optional<BuildVolume> buildVolume(Entry entry) throws PrinterException {
        BuildVolume known = volumes.get(entry);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<BuildVolume> asked = printer(entry).buildVolume();
        asked.ifPresent(volume -> volumes.put(entry, volume));
        return asked;
    }

    /** The driver of a printer. */
    public Printer printer(Entry entry) {
        Made made = drivers.get(entry);
        if (made != null && made.at().isAfter(clock.instant().minus(DRIVER_KEPT))) {
            return made.printer();
        }
        // Looked at again after a minute: the key may have changed in another process (./jarvis printers add).
        String key = secrets.get(secretOf(entry.name())).map(Secret::reveal).orElse("");
        if (made != null && made.key().equals(key)) {
            drivers.put(entry, new Made(made.printer(), key, clock.instant()));
            return made.printer();
        }
        Printer printer = switch (entry.kind()) {
            case OCTOPRINT -> new OctoPrintPrinter(entry.name(), entry.url(), key, http, timeout, clock);
            case MOONRAKER -> new MoonrakerPrinter(entry.name(), entry.url(), key, http, timeout, clock);
            case BAMBU -> new BambuPrinter(entry.name(), entry.url(), entry.serial().orElse(""), key, timeout, clock);
        };
        Made replaced = drivers.put(entry, new Made(printer, key, clock.instant()));
        if (replaced != null) {
            closeQuietly(replaced.printer());
        }
        return printer;
    }
}
