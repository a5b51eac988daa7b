package jarvis.tests.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import jarvis.devices.cameras.HttpCamera;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.support.Ports;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A camera's picture from a snapshot URL or an MJPEG stream, in the shapes real cameras send (Hikvision's Digest,
 * ustreamer's Basic, mjpg-streamer's boundary with and without its dashes, Frigate's stream without lengths), and a
 * page, a wrong login, a stall and nobody there each said for what they are.
 */
class HttpCameraTest {

    private final CameraSimulator cameras = new CameraSimulator("admin", "s3cret");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        cameras.close();
    }

    private HttpCamera camera(String path, String user, String password) {
        return new HttpCamera("Shop", URI.create(cameras.baseUrl() + path), user, password, http, Duration.ofSeconds(2), Clock.systemUTC());
    }

    private static BufferedImage decoded(Frame frame) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(frame.image()));
    }

    @Test
    void aSnapshotBehindDigestOrBasicIsFetchedWithTheLogin() throws Exception {
        Frame hikvision = camera("/ISAPI/Streaming/channels/101/picture", "admin", "s3cret").snapshot();
        assertThat(hikvision.image()).isEqualTo(CameraSimulator.jpeg(1));
        Frame ustreamer = camera("/snapshot", "admin", "s3cret").snapshot();
        assertThat(decoded(ustreamer).getWidth()).isEqualTo(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?action=stream", "/dashed", "/api/shop?fps=3&height=360"})
    void theFirstWholeFrameOfAStreamIsThePictureWhateverItsBoundaryShape(String path) throws Exception {
        Frame frame = camera(path, "", "").snapshot();
        assertThat(frame.image()).isEqualTo(CameraSimulator.jpeg(11));
        assertThat(decoded(frame).getHeight()).isEqualTo(48);
    }

    @Test
    void aWrongLoginAPageAStallAndNobodyAreToldApart() {
        assertThatThrownBy(() -> camera("/ISAPI/Streaming/channels/101/picture", "admin", "wrong").snapshot())
                .isInstanceOfSatisfying(CameraException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CameraException.Kind.REFUSED);
                    assertThat(failure.getMessage()).contains("user name and password").doesNotContain("wrong");
                });
        assertThatThrownBy(() -> camera("/login", "", "").snapshot()).isInstanceOfSatisfying(CameraException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CameraException.Kind.NOT_A_PICTURE);
            assertThat(failure.getMessage()).contains("text/html").contains("/login");
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> camera("/stall", "", "").snapshot()).isInstanceOfSatisfying(CameraException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CameraException.Kind.UNREACHABLE);
            // Headers that never come and a body that never comes are the same to a person: nothing within the time.
            assertThat(failure.getMessage()).containsPattern("(did not answer|sent no whole picture) within 2 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        HttpCamera nobody = new HttpCamera("Gate", URI.create("http://127.0.0.1:" + Ports.nobodyListening() + "/snapshot"), "", "", http,
                Duration.ofSeconds(2), Clock.systemUTC());
        assertThatThrownBy(nobody::snapshot).isInstanceOfSatisfying(CameraException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CameraException.Kind.UNREACHABLE);
            assertThat(failure.getMessage()).contains("cannot be reached");
        });
    }
}
