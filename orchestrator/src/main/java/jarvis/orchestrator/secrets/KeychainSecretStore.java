package jarvis.orchestrator.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Secrets in the macOS Keychain, one generic password per name under the service "Jarvis", through the
 * system's {@code security} tool. Values are written on its standard input in interactive mode, never on a
 * command line that {@code ps} could show, and as hexadecimal ({@code -X}), so no quote or newline in a value can
 * end the command or start another. Names are plain words. The Keychain cannot list a service's accounts, so the
 * names (never the values) are remembered in user preferences.
 */
public final class KeychainSecretStore implements SecretStore {

    private static final String SERVICE = "Jarvis";
    private static final Path SECURITY = Path.of("/usr/bin/security");

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Preferences index;
    private final Path security;

    private KeychainSecretStore() {
        this(SECURITY, Preferences.userRoot().node("dev/jarvis/secrets"));
    }

    /** For tests: another {@code security} command and preferences node, on any OS. */
    KeychainSecretStore(Path security, Preferences index) {
        this.security = security;
        this.index = index;
    }

    /** The Keychain, when this is a Mac that has one. */
    public static Optional<SecretStore> open() {
        boolean mac = System.getProperty("os.name", "").toLowerCase().contains("mac");
        return mac && Files.isExecutable(SECURITY) ? Optional.of(new KeychainSecretStore()) : Optional.empty();
    }

    @Override
    public Optional<Secret> get(String name) {
        Result result = run(List.of("find-generic-password", "-s", SERVICE, "-a", plain(name), "-w"), null);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        return Optional.of(new Secret(result.output().stripTrailing()));
    }

    @Override
    public void put(String name, Secret value) {
        Result result = run(List.of("-i"), addCommand(name, value));
        if (result.exitCode() != 0) {
            throw new SecretStoreException("The Keychain refused to store '" + name
                    + "'. Unlock the login keychain (Keychain Access) and try again.", null);
        }
        index.putBoolean(name, true);
    }

    @Override
    public void delete(String name) {
        run(List.of("delete-generic-password", "-s", SERVICE, "-a", plain(name)), null);
        index.remove(name);
    }

    @Override
    public Set<String> names() {
        try {
            return Set.copyOf(new TreeSet<>(List.of(index.keys())));
        } catch (BackingStoreException e) {
            return Set.of();
        }
    }

    @Override
    public String describe() {
        return "macOS Keychain (service \"" + SERVICE + "\")";
    }

    /** The one line {@code security -i} reads: every part a plain word or hexadecimal digits. */
    static String addCommand(String name, Secret value) {
        return "add-generic-password -U -s " + SERVICE + " -a " + plain(name) + " -X "
                + HexFormat.of().formatHex(value.reveal().getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    private static String plain(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new SecretStoreException("A secret's name is letters, digits, '.', '_' and '-'; '" + name.replace("\n", "\\n")
                    + "' is not stored.", null);
        }
        return name;
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> arguments, String input) {
        try {
            var command = new java.util.ArrayList<String>();
            command.add(security.toString());
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new SecretStoreException("Cannot run " + security + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretStoreException("Interrupted while talking to the Keychain", e);
        }
    }
}
