package jarvis.orchestrator.artifacts;

import java.io.InputStream;
import java.nio.file.Path;

/** Where artifact bytes live, addressed by their SHA-256: a local folder or an S3 bucket. */
public interface BlobStore {

    boolean exists(String sha256);

    void put(String sha256, Path content, long size, String contentType);

    InputStream open(String sha256);

    void delete(String sha256);

    void check();

    String describe();
}
