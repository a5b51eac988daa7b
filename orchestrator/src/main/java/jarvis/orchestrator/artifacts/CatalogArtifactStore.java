package jarvis.orchestrator.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The artifact store: a catalogue in the database over a content-addressed blob store (folder or S3). The bytes
 * are stored before the catalogue row, so a row never points at bytes that were not written.
 */
public final class CatalogArtifactStore implements ArtifactStore {

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;
    private final Path scratch;
    private final Clock clock;

    public CatalogArtifactStore(ArtifactCatalog catalog, BlobStore blobs, Path scratch, Clock clock) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.scratch = scratch;
        this.clock = clock;
    }

    @Override
    public Artifact put(String name, String contentType, InputStream content, Map<String, String> metadata) {
        if (name == null || name.isBlank()) {
            throw new ArtifactStoreException("An artifact needs a name, such as 'meshes/bracket.stl'.");
        }
        Path temp = null;
        try {
            Files.createDirectories(scratch);
            temp = Files.createTempFile(scratch, "upload", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                size = content.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!blobs.exists(sha256)) {
                blobs.put(sha256, temp, size, contentType);
            }
            return catalog.add(new Artifact(UUID.randomUUID().toString(), name, 0, contentType, size, sha256, metadata,
                    clock.instant()));
        } catch (IOException e) {
            throw new ArtifactStoreException("Cannot read the content for '" + name + "': " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A stray scratch file is harmless; the next start does not read it.
                }
            }
        }
    }

    @Override
    public InputStream open(String artifactId) {
        Artifact artifact = find(artifactId).orElseThrow(() -> missing(artifactId));
        return blobs.open(artifact.sha256());
    }

    @Override
    public Optional<Artifact> find(String artifactId) {
        return catalog.find(artifactId);
    }

    @Override
    public Optional<Artifact> latest(String name) {
        return catalog.versions(name).stream().findFirst();
    }

    @Override
    public List<Artifact> versions(String name) {
        return catalog.versions(name);
    }

    @Override
    public List<Artifact> list(String prefix) {
        return catalog.latestByPrefix(prefix == null ? "" : prefix);
    }

    @Override
    public void delete(String artifactId) {
        Artifact artifact = find(artifactId).orElseThrow(() -> missing(artifactId));
        boolean shared = catalog.remove(artifact);
        if (!shared) {
            blobs.delete(artifact.sha256());
        }
    }

    @Override
    public void check() {
        blobs.check();
    }

    @Override
    public String describe() {
        return blobs.describe();
    }

    private static ArtifactNotFoundException missing(String artifactId) {
        return new ArtifactNotFoundException("There is no artifact with id " + artifactId
                + ". Run './jarvis artifacts list' to see what is stored.");
    }
}
