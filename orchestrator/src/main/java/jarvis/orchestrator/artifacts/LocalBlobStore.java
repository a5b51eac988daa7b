package jarvis.orchestrator.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A content-addressed folder: {@code ab/abcdef…}, written through a temporary file so no half-file is seen. */
public final class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root;
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    @Override
    public void put(String sha256, Path content, long size, String contentType) {
        Path target = pathOf(sha256);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), sha256, ".part");
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw failure("write", e);
        }
    }

    @Override
    public InputStream open(String sha256) {
        try {
            return Files.newInputStream(pathOf(sha256));
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException("The bytes of this artifact are missing from " + root
                    + " (file " + sha256 + "). Restore the folder from a backup, or delete the artifact.");
        } catch (IOException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void delete(String sha256) {
        try {
            Files.deleteIfExists(pathOf(sha256));
        } catch (IOException e) {
            throw failure("delete from", e);
        }
    }

    @Override
    public void check() {
        try {
            Files.createDirectories(root);
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                throw new ArtifactStoreException("The artifact folder " + root + " is not a writable folder. "
                        + "Check its permissions, or choose the s3 store in Settings.");
            }
        } catch (IOException e) {
            throw failure("create", e);
        }
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    private ArtifactStoreException failure(String action, IOException e) {
        return new ArtifactStoreException("Cannot " + action + " the artifact folder " + root + " ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Check that the disk has room and the folder is writable.", e);
    }
}
