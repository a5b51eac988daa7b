package jarvis.orchestrator.artifacts;

import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The blob store the settings name right now: the local folder, or S3 with the keys from the secret store.
 * A changed setting or key takes effect at the next call, without a restart; the client is reused until then.
 */
public final class ConfiguredBlobStore implements BlobStore {

    private final Supplier<Settings> settings;
    private final Secrets secrets;
    private final Path localFolder;
    private List<Object> configuration;
    private BlobStore current;

    public ConfiguredBlobStore(Supplier<Settings> settings, Secrets secrets, Path localFolder) {
        this.settings = settings;
        this.secrets = secrets;
        this.localFolder = localFolder;
    }

    private synchronized BlobStore current() {
        Settings now = settings.get();
        String backend = now.get(SettingsSchema.ARTIFACT_BACKEND);
        String access = secrets.get(SecretName.S3_ACCESS_KEY).map(Secret::reveal).orElse("");
        String secret = secrets.get(SecretName.S3_SECRET_KEY).map(Secret::reveal).orElse("");
        List<Object> wanted = backend.equals("s3")
                ? List.of(backend, now.get(SettingsSchema.S3_ENDPOINT), now.get(SettingsSchema.S3_REGION),
                        now.get(SettingsSchema.S3_BUCKET), access.hashCode(), secret.hashCode())
                : List.of(backend);
        if (!Objects.equals(wanted, configuration)) {
            current = backend.equals("s3")
                    ? new S3BlobStore(now.get(SettingsSchema.S3_ENDPOINT), now.get(SettingsSchema.S3_REGION),
                            now.get(SettingsSchema.S3_BUCKET), access, secret)
                    : new LocalBlobStore(localFolder);
            configuration = wanted;
        }
        return current;
    }

    @Override public boolean exists(String sha256) { return current().exists(sha256); }
    @Override public void put(String sha256, Path content, long size, String contentType) { current().put(sha256, content, size, contentType); }
    @Override public InputStream open(String sha256) { return current().open(sha256); }
    @Override public void delete(String sha256) { current().delete(sha256); }
    @Override public void check() { current().check(); }
    @Override public String describe() {
        try {
            return current().describe();
        } catch (ArtifactStoreException e) {
            return "misconfigured (" + e.getMessage() + ")";
        }
    }
}
