package jarvis.orchestrator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keychain path on any OS: a stand-in {@code security} records what it is given, so the test sees the exact
 * lines the real tool would read in interactive mode.
 */
class KeychainSecretStoreTest {

    @TempDir
    Path folder;

    private Preferences index;
    private KeychainSecretStore store;
    private Path input;

    @BeforeEach
    void fakeSecurityTool() throws Exception {
        input = folder.resolve("stdin.txt");
        Path tool = folder.resolve("security");
        Files.writeString(tool, "#!/bin/sh\ncat >> '" + input + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        index = Preferences.userRoot().node("dev/jarvis/test-" + UUID.randomUUID());
        store = new KeychainSecretStore(tool, index);
    }

    @AfterEach
    void forget() throws Exception {
        index.removeNode();
    }

    @Test
    void aValueWithQuotesAndNewlinesCannotAddACommand() throws Exception {
        String hostile = "sk-\"; delete-keychain login.keychain\nadd-generic-password -s Evil -a x -w 'y'\r\n\\\"";
        store.put("openai.apiKey", new Secret(hostile));

        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).matches("add-generic-password -U -s Jarvis -a openai\\.apiKey -X [0-9a-f]+");
        String hex = lines.getFirst().substring(lines.getFirst().lastIndexOf(' ') + 1);
        assertThat(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8)).isEqualTo(hostile);
    }

    @Test
    void aNameThatIsNotAPlainWordIsRefusedBeforeTheToolRuns() {
        assertThatThrownBy(() -> store.put("x\nadd-generic-password -s Evil", new Secret("v")))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> store.put("name with \"quotes\"", new Secret("v"))).isInstanceOf(SecretStoreException.class);
        assertThat(input).doesNotExist();
    }
}
