package jarvis.orchestrator.artifacts;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MinIO adapter against a real S3 server (S3Proxy) started here, on loopback. */
class S3ArtifactStoreTest extends ArtifactStoreContract {

    private static final String ACCESS = "jarvis-access";
    private static final String SECRET = "jarvis-secret-key";
    private static S3Proxy server;
    private static String endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        server = S3Proxy.builder().blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        server.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "STARTED".equals(server.getState()));
        endpoint = "http://127.0.0.1:" + server.getPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Override
    protected BlobStore blobStore(Path folder) {
        return new S3BlobStore(endpoint, "us-east-1", "jarvis-" + Math.abs(folder.hashCode()), ACCESS, SECRET);
    }

    @Override
    protected List<Broken> brokenStores(Path folder) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return List.of(
                new Broken("a wrong secret key", new S3BlobStore(endpoint, "us-east-1", "jarvis-wrong", ACCESS, "not-the-key"),
                        "refused the access key"),
                new Broken("an unknown access key", new S3BlobStore(endpoint, "us-east-1", "jarvis-wrong", "nobody", SECRET),
                        "refused the access key"),
                new Broken("the server is down", new S3BlobStore("http://127.0.0.1:" + closedPort, "us-east-1", "jarvis", ACCESS, SECRET),
                        "Is it running?"));
    }
}
