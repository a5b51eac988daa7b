package jarvis.orchestrator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretStoreTest {

    @TempDir
    Path folder;

    private EncryptedFileSecretStore store() {
        return new EncryptedFileSecretStore(folder.resolve("secrets.enc"), folder.resolve("secrets.key"));
    }

    @Test
    void storedSecretReadsBackFromANewStore() {
        store().put("openai.apiKey", new Secret("sk-test-123"));
        assertThat(store().get("openai.apiKey")).map(Secret::reveal).contains("sk-test-123");
        assertThat(store().names()).containsExactly("openai.apiKey");
    }

    @Test
    void fileIsEncryptedAndReadableOnlyByItsOwner() throws Exception {
        store().put("homeassistant.token", new Secret("eyJ-very-secret-token"));
        byte[] onDisk = Files.readAllBytes(folder.resolve("secrets.enc"));
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("eyJ-very-secret-token").doesNotContain("homeassistant");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("secrets.enc")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("secrets.key")))).isEqualTo("rw-------");
    }

    @Test
    void deleteRemovesOnlyThatSecret() {
        store().put("a", new Secret("1"));
        store().put("b", new Secret("2"));
        store().delete("a");
        assertThat(store().get("a")).isEmpty();
        assertThat(store().get("b")).map(Secret::reveal).contains("2");
    }

    @Test
    void tamperedFileGivesAClearMessageWithoutTheSecret() throws Exception {
        store().put("s3.secretKey", new Secret("abc-secret"));
        byte[] bytes = Files.readAllBytes(folder.resolve("secrets.enc"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(folder.resolve("secrets.enc"), bytes);
        assertThatThrownBy(() -> store().get("s3.secretKey")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining("abc-secret");
    }

    @Test
    void aChangeMadeByAnotherStoreIsSeenAtTheNextRead() throws Exception {
        EncryptedFileSecretStore window = store();
        window.put("anthropic.apiKey", new Secret("sk-ant-1"));
        assertThat(window.get("anthropic.apiKey")).map(Secret::reveal).contains("sk-ant-1");
        store().put("anthropic.apiKey", new Secret("sk-ant-2")); // the command line, in another process: same length, same second
        assertThat(window.get("anthropic.apiKey")).map(Secret::reveal).contains("sk-ant-2");
        store().delete("anthropic.apiKey");
        assertThat(window.get("anthropic.apiKey")).isEmpty();
        Files.delete(folder.resolve("secrets.enc"));
        assertThat(window.names()).isEmpty();
    }

    @Test
    void aFileDamagedAfterAReadIsReportedAtTheNextRead() throws Exception {
        EncryptedFileSecretStore window = store();
        window.put("s3.secretKey", new Secret("abc-secret"));
        assertThat(window.get("s3.secretKey")).isPresent();
        byte[] bytes = Files.readAllBytes(folder.resolve("secrets.enc"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(folder.resolve("secrets.enc"), bytes); // the same size, within the same second
        assertThatThrownBy(() -> window.get("s3.secretKey")).isInstanceOf(SecretStoreException.class).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aSecretNeverPrintsItsValue() {
        assertThat(new Secret("sk-live").toString()).doesNotContain("sk-live");
    }
}
