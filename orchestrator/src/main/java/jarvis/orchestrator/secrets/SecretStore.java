package jarvis.orchestrator.secrets;

import java.util.Optional;
import java.util.Set;

/**
 * Where API keys, tokens and access codes are kept: the macOS Keychain, or an encrypted owner-only file.
 * Implementations never log a value and never put one in an exception message.
 */
public interface SecretStore {

    Optional<Secret> get(String name);

    void put(String name, Secret value);

    void delete(String name);

    Set<String> names();

    /** Where the secrets live, for {@code jarvis doctor}: "macOS Keychain", "encrypted file ...". */
    String describe();
}
