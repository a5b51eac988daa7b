package jarvis.tests.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.app.Core;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.CameraBook.Kind;
import jarvis.devices.cameras.CameraException;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.CameraServersSimulator;
import jarvis.tests.simulators.CameraSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cameras served by Frigate, Home Assistant and UniFi Protect, through the camera book, against their simulator. */
class CameraSourcesTest {

    private static final String HA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.ha";
    private static final String UNIFI_KEY = "Wq3vX9k2-unifi-key";
    private static final String UNIFI_CAMERA = "65b2a9f400e6c703e4000429";

    @TempDir
    Path home;

    private final CameraServersSimulator servers = new CameraServersSimulator("admin", "frigate-pass", HA_TOKEN, UNIFI_KEY);
    private Core core;
    private CameraBook book;

    @BeforeEach
    void open() {
        core = new Core(new DataFolder(home), Map.of());
        book = new CameraBook(core.openStorage().database(), core.secrets(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
                Duration.ofSeconds(2), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        servers.close();
        core.close();
    }

    private CameraBook.Entry entry(String name, Kind kind, String source) {
        return new CameraBook.Entry(name, kind, URI.create(servers.baseUrl()), kind == Kind.FRIGATE ? "admin" : "", source, Duration.ofSeconds(2));
    }

    private byte[] picture(String name) throws CameraException {
        return book.camera(book.entry(name).orElseThrow()).snapshot().image();
    }

    @Test
    void frigateLogsInOnceKeepsItsTokenAndLogsInAgainWhenTheTokenIsRefused() throws Exception {
        book.add(entry("Front", Kind.FRIGATE, "front_door"), "frigate-pass");
        CameraBook.Entry front = book.entry("Front").orElseThrow();
        assertThat(front.kind()).isEqualTo(Kind.FRIGATE);
        assertThat(front.source()).isEqualTo("front_door");
        var camera = book.camera(front);

        assertThat(camera.snapshot().image()).isEqualTo(CameraSimulator.jpeg(3));
        assertThat(camera.snapshot().image()).isEqualTo(CameraSimulator.jpeg(3));
        assertThat(servers.frigateLogins()).hasSize(1);

        servers.expireTokens();
        Thread.sleep(300);
        assertThat(camera.snapshot().image()).isEqualTo(CameraSimulator.jpeg(3));
        assertThat(servers.frigateLogins()).hasSize(2);
    }

    @Test
    void frigateSaysAWrongPasswordAnUnknownCameraAndAnOfflineOne() {
        book.add(entry("Wrong", Kind.FRIGATE, "front_door"), "guess");
        book.add(entry("Nowhere", Kind.FRIGATE, "attic"), "frigate-pass");
        book.add(entry("Garage", Kind.FRIGATE, "garage"), "frigate-pass");
        servers.goOffline("garage");

        assertThatThrownBy(() -> picture("Wrong")).isInstanceOf(CameraException.class).hasMessageContaining("Frigate refused the login of admin");
        assertThatThrownBy(() -> picture("Nowhere")).isInstanceOf(CameraException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> picture("Garage")).isInstanceOf(CameraException.class)
                .hasMessageContaining("Garage is offline: Frigate has no recent frame");
    }

    @Test
    void homeAssistantsCameraProxyTakesTheTokenAsABearer() throws Exception {
        book.add(entry("Workshop", Kind.HOMEASSISTANT, "camera.workshop"), HA_TOKEN);
        book.add(entry("Stale", Kind.HOMEASSISTANT, "camera.workshop"), "an-old-token");

        assertThat(picture("Workshop")).isEqualTo(CameraSimulator.jpeg(5));
        assertThatThrownBy(() -> picture("Stale")).isInstanceOf(CameraException.class).hasMessageContaining("refused its token or API key (401)");
        assertThatThrownBy(() -> book.add(entry("Light", Kind.HOMEASSISTANT, "light.bench"), HA_TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a camera entity");
        assertThatThrownBy(() -> book.add(entry("Tokenless", Kind.HOMEASSISTANT, "camera.workshop"), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("long-lived access token");
    }

    @Test
    void unifiProtectsIntegrationApiTakesTheKeyInItsHeader() throws Exception {
        book.add(entry("Yard", Kind.UNIFI, UNIFI_CAMERA), UNIFI_KEY);
        book.add(entry("Gone", Kind.UNIFI, "000000000000000000000000"), UNIFI_KEY);

        assertThat(picture("Yard")).isEqualTo(CameraSimulator.jpeg(6));
        assertThatThrownBy(() -> picture("Gone")).isInstanceOf(CameraException.class).hasMessageContaining("404").hasMessageContaining("id or entity");
        assertThatThrownBy(() -> book.add(entry("Sourceless", Kind.UNIFI, ""), UNIFI_KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --source").hasMessageContaining("camera's id");
    }

    @Test
    void aCameraReadTooOftenOrTooSeldomIsRefusedWithTheRange() {
        CameraBook.Entry eager = new CameraBook.Entry("Eager", Kind.HTTP, URI.create("http://127.0.0.1/snapshot"), "", "", Duration.ofMillis(50));

        assertThatThrownBy(() -> book.add(eager, "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between every 0.2 s");
    }
}
