package jarvis.orchestrator.artifacts;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Artifact bytes in a MinIO or other S3 bucket, through the MinIO Java SDK, keyed {@code blobs/ab/abcdef…}.
 * One client per configuration; short connect timeouts so a server that is down is reported at once.
 */
public final class S3BlobStore implements BlobStore {

    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidSecurity", "InvalidToken", "ExpiredToken");

    private final MinioClient client;
    private final String endpoint;
    private final String bucket;
    private volatile boolean bucketReady;

    public S3BlobStore(String endpoint, String region, String bucket, String accessKey, String secretKey) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new ArtifactStoreException("The s3 artifact store has no endpoint. Set artifacts.s3.endpoint in "
                    + "Settings, or choose the local store.");
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new ArtifactStoreException("The s3 artifact store has no access key or secret key. Enter both "
                    + "in Settings (they are kept as secrets), or choose the local store.");
        }
        this.endpoint = endpoint;
        this.bucket = bucket;
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false)
                .build();
        this.client = MinioClient.builder()
                .endpoint(endpoint)
                .region(region)
                .credentials(accessKey, secretKey)
                .httpClient(http)
                .build();
    }

    private static String key(String sha256) {
        return "blobs/" + sha256.substring(0, 2) + "/" + sha256;
    }

    @Override
    public boolean exists(String sha256) {
        ensureBucket();
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key(sha256)).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return false;
            }
            throw failure("look up an object in", e);
        } catch (Exception e) {
            throw failure("look up an object in", e);
        }
    }

    @Override
    public void put(String sha256, Path content, long size, String contentType) {
        ensureBucket();
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key(sha256))
                    .filename(content.toString()).contentType(contentType).build());
        } catch (Exception e) {
            throw failure("upload to", e);
        }
    }

    @Override
    public InputStream open(String sha256) {
        ensureBucket();
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key(sha256)).build());
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                throw new ArtifactNotFoundException("The bytes of this artifact are missing from bucket '" + bucket
                        + "' at " + endpoint + " (object " + key(sha256) + "). Restore it, or delete the artifact.");
            }
            throw failure("download from", e);
        } catch (Exception e) {
            throw failure("download from", e);
        }
    }

    @Override
    public void delete(String sha256) {
        ensureBucket();
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key(sha256)).build());
        } catch (Exception e) {
            throw failure("delete from", e);
        }
    }

    @Override
    public void check() {
        bucketReady = false;
        ensureBucket();
    }

    @Override
    public String describe() {
        return "S3 bucket '" + bucket + "' at " + endpoint;
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            bucketReady = true;
        } catch (Exception e) {
            throw failure("open", e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || e.response().code() == 404;
    }

    private ArtifactStoreException failure(String action, Exception e) {
        String where = describe();
        if (e instanceof ErrorResponseException error) {
            String code = error.errorResponse().code();
            if (CREDENTIAL_ERRORS.contains(code) || error.response().code() == 403) {
                return new ArtifactStoreException("The S3 server at " + endpoint + " refused the access key (" + code
                        + "). Check the S3 access key and secret key in Settings.", e);
            }
            return new ArtifactStoreException("Cannot " + action + " " + where + ": the server answered " + code
                    + " (" + error.errorResponse().message() + ").", e);
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException) {
            return new ArtifactStoreException("Cannot reach the S3 server at " + endpoint + " (" + cause.getClass().getSimpleName()
                    + "). Is it running? Check artifacts.s3.endpoint in Settings.", e);
        }
        return new ArtifactStoreException("Cannot " + action + " " + where + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".", e);
    }
}
