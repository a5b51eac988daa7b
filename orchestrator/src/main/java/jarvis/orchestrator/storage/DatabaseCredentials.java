package jarvis.orchestrator.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The database's password: random, made on first use, kept in a file only its owner can read. The window serves
 * the database to the command line over a loopback socket; the password is what keeps other users of the machine
 * (and anyone who reads the lock file's key) out.
 */
final class DatabaseCredentials {

    private DatabaseCredentials() {}

    /** The password in {@code file}, made when the file does not exist yet. */
    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path fresh = createOwnerOnlyTemp(file);
            try {
                Files.writeString(fresh, password + "\n", StandardCharsets.UTF_8);
                // A link cannot replace a file: when the window and the command line start together, the first one wins
                // and the other reads its password.
                Files.createLink(file, fresh);
                return password;
            } catch (FileAlreadyExistsException other) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } finally {
                Files.deleteIfExists(fresh);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read or write the database password file " + file + ": " + e.getMessage()
                    + ". Check that the data folder belongs to you and is writable.", e);
        }
    }

    private static Path createOwnerOnlyTemp(Path file) throws IOException {
        try {
            return Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new");
            temp.toFile().setReadable(false, false);
            temp.toFile().setReadable(true, true);
            return temp;
        }
    }
}
