package jarvis.orchestrator.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one AES-256-GCM encrypted file, readable only by its owner, with the key in a second owner-only
 * file. It keeps secrets out of the settings file, the database, backups of either, and casual reading; it does
 * not protect against someone who can act as the same user (see docs/decisions/0005-settings-and-secrets.md).
 */
public final class EncryptedFileSecretStore implements SecretStore {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int NONCE_BYTES = 12;
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Path file;
    private final Path keyFile;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    /**
     * The file's and the key's bytes as last decrypted, and what they held. Every write seals with a new random nonce, so
     * equal bytes mean the same secrets; comparing them (a few hundred bytes) spares the decryption, whoever wrote the file.
     */
    private byte[] cachedSealed;
    private byte[] cachedKey;
    private TreeMap<String, String> cached;

    public EncryptedFileSecretStore(Path file, Path keyFile) {
        this.file = file;
        this.keyFile = keyFile;
    }

    @Override
    public synchronized Optional<Secret> get(String name) {
        return Optional.ofNullable(readAll().get(name)).map(Secret::new);
    }

    @Override
    public synchronized void put(String name, Secret value) {
        TreeMap<String, String> all = readAll();
        all.put(name, value.reveal());
        writeAll(all);
    }

    @Override
    public synchronized void delete(String name) {
        TreeMap<String, String> all = readAll();
        if (all.remove(name) != null) {
            writeAll(all);
        }
    }

    @Override
    public synchronized Set<String> names() {
        return Set.copyOf(readAll().keySet());
    }

    @Override
    public String describe() {
        return "encrypted file " + file;
    }

    /** Every secret, decrypted (a copy: callers may change it); decrypted again only when the file's bytes changed. */
    private TreeMap<String, String> readAll() {
        byte[] sealed;
        byte[] key;
        try {
            sealed = Files.readAllBytes(file);
            key = Files.exists(keyFile) ? Files.readAllBytes(keyFile) : null;
        } catch (java.nio.file.NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new SecretStoreException("Cannot read the secrets file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        if (!Arrays.equals(sealed, cachedSealed) || !Arrays.equals(key, cachedKey)) {
            cached = decrypt(sealed);
            cachedSealed = sealed;
            cachedKey = key;
        }
        return new TreeMap<>(cached);
    }

    private TreeMap<String, String> decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return json.readValue(plain, MAP);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("The secrets file " + file + " cannot be decrypted with " + keyFile
                    + " (it was changed, or the key belongs to another file). Move both aside and enter the secrets again.", e);
        } catch (IOException e) {
            throw new SecretStoreException("Cannot read the secrets file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private void writeAll(Map<String, String> all) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(128, nonce));
            byte[] body = cipher.doFinal(json.writeValueAsBytes(all));
            byte[] sealed = new byte[NONCE_BYTES + body.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(body, 0, sealed, NONCE_BYTES, body.length);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            writeOwnerOnly(temp, sealed);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretStoreException("Cannot write the secrets file " + file + ": " + e.getClass().getSimpleName()
                    + ". Check that the data folder is writable.", e);
        }
    }

    private SecretKey key(boolean create) throws IOException, GeneralSecurityException {
        if (Files.exists(keyFile)) {
            return new SecretKeySpec(Files.readAllBytes(keyFile), "AES");
        }
        if (!create) {
            throw new GeneralSecurityException("no key file");
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        SecretKey key = generator.generateKey();
        writeOwnerOnly(keyFile, key.getEncoded());
        return key;
    }

    private static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(target);
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(target);
        }
        Files.write(target, bytes);
    }
}
