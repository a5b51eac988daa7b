package jarvis.orchestrator.secrets;

import jarvis.orchestrator.home.DataFolder;

/** Picks the secret store for this machine: the Keychain on a Mac, else the encrypted file. */
public final class SecretStores {
    private SecretStores() {}

    public static SecretStore forThisMachine(DataFolder folder) {
        return KeychainSecretStore.open()
                .orElseGet(() -> new EncryptedFileSecretStore(folder.secretsFile(), folder.secretsKeyFile()));
    }
}
