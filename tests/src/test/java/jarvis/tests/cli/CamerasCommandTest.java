package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.support.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis cameras}: a camera added with its password piped in, listed without it, and its picture saved. */
class CamerasCommandTest {

    @TempDir
    Path home;

    private final CameraSimulator cameras = new CameraSimulator("admin", "s3cret");
    private final InputStream stdin = System.in;

    @AfterEach
    void stop() {
        System.setIn(stdin);
        cameras.close();
    }

    @Test
    void aCameraAddedWithItsLoginIsListedWithoutItsPasswordAndItsPictureSaved() throws Exception {
        System.setIn(new ByteArrayInputStream("s3cret".getBytes(StandardCharsets.UTF_8)));
        Cli.Result added = Cli.run(home, Map.of(), "cameras", "add", "Shop", "--url", cameras.baseUrl() + "/ISAPI/Streaming/channels/101/picture",
                "--user", "admin");
        System.setIn(stdin);
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(Cli.run(home, Map.of(), "cameras", "add", "Bench", "--url", cameras.baseUrl() + "/api/shop").status()).isZero();

        Cli.Result listed = Cli.run(home, Map.of(), "cameras");
        assertThat(listed.out()).contains("Shop").contains("admin").contains("Bench").contains("2 cameras.").doesNotContain("s3cret");

        Path frame = home.resolve("frame.jpg");
        Cli.Result saved = Cli.run(home, Map.of(), "cameras", "snapshot", "shop", "-o", frame.toString());
        assertThat(saved.status()).as(saved.err()).isZero();
        assertThat(Files.readAllBytes(frame)).isEqualTo(CameraSimulator.jpeg(1));
        Path streamed = home.resolve("bench.jpg");
        assertThat(Cli.run(home, Map.of(), "cameras", "snapshot", "Bench", "-o", streamed.toString()).status()).isZero();
        assertThat(Files.readAllBytes(streamed)).isEqualTo(CameraSimulator.jpeg(11));

        Cli.Result missing = Cli.run(home, Map.of(), "cameras", "snapshot", "Gate", "-o", frame.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("no camera 'Gate'").contains("Bench, Shop");
        Cli.Result badAddress = Cli.run(home, Map.of(), "cameras", "add", "Gate", "--url", "rtsp://192.168.1.60/stream");
        assertThat(badAddress.status()).isEqualTo(2);
        assertThat(badAddress.err()).contains("snapshot or MJPEG address");
    }

    @Test
    void showTheCameraInWordsKeepsItsPictureAsAnArtifactAndAFrigateCameraIsAddedWithItsKind() throws Exception {
        assertThat(Cli.run(home, Map.of(), "cameras", "add", "Bench", "--url", cameras.baseUrl() + "/api/shop", "--every", "0.5").status()).isZero();

        Cli.Result shown = Cli.run(home, Map.of(), "do", "show", "the", "bench", "camera");
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Bench at ").contains("kept as cameras/Bench/").contains("Cmd/Ctrl+4");
        Cli.Result unknown = Cli.run(home, Map.of(), "do", "show", "the", "attic", "camera");
        assertThat(unknown.status()).isEqualTo(1);

        System.setIn(new ByteArrayInputStream("frigate-pass".getBytes(StandardCharsets.UTF_8)));
        Cli.Result frigate = Cli.run(home, Map.of(), "cameras", "add", "Front", "--kind", "frigate", "--url", "https://frigate.local:8971",
                "--source", "front_door", "--user", "admin");
        System.setIn(stdin);
        assertThat(frigate.status()).as(frigate.err()).isZero();
        assertThat(frigate.out()).contains("Frigate at https://frigate.local:8971, front_door");
        Cli.Result listed = Cli.run(home, Map.of(), "cameras", "--json");
        assertThat(listed.out()).contains("\"kind\" : \"frigate\"", "\"source\" : \"front_door\"", "\"every_seconds\" : 0.5")
                .doesNotContain("frigate-pass");
        Cli.Result noSource = Cli.run(home, Map.of(), "cameras", "add", "Back", "--kind", "frigate", "--url", "http://frigate.local:5000");
        assertThat(noSource.status()).isEqualTo(2);
        assertThat(noSource.err()).contains("needs --source");
    }
}
