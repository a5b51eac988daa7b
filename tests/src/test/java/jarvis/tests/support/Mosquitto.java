package jarvis.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}, which {@code .ci/run} installs) on a free loopback port, with a
 * configuration of its own, no persistence between starts unless asked; it can be killed and started again on the same
 * port, as a broker restarting is.
 */
public final class Mosquitto implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/opt/homebrew/sbin/mosquitto"));

    private final Path folder;
    private final int port;
    private int sidePort;
    private Process process;

    private Mosquitto(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** A broker that keeps retained messages in memory only: a restart forgets them, as a broker without persistence does. */
    public static Mosquitto start() {
        return start(false);
    }

    /** {@code persistent}: retained messages survive a restart, as Mosquitto with {@code persistence true} (the usual setup). */
    public static Mosquitto start(boolean persistent) {
        return start(persistent, Map.of());
    }

    /** A broker that lets in only {@code user} with {@code password} (a password file made with mosquitto_passwd). */
    public static Mosquitto startWithLogin(String user, String password) {
        return start(false, Map.of(user, password));
    }

    /**
     * A broker that speaks only TLS, with a certificate a private CA signed for 127.0.0.1 (made with Debian's
     * {@code openssl}, which {@code .ci/run} installs); {@code caCertificate()} is the CA's PEM file to trust.
     */
    public static Mosquitto startTls() {
        try {
            Path folder = Files.createTempDirectory("jarvis-mosquitto-tls");
            certificates(folder, "Jarvis test CA", "127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            return startTls(folder, "allow_anonymous true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Bambu printer's broker in LAN mode: TLS only, a certificate whose name is the printer's serial (signed by a CA
     * of the test's own, standing in for Bambu Lab's), and the one login {@code bblp} with the access code.
     */
    public static Mosquitto startBambu(String serial, String accessCode) {
        try {
            Path folder = Files.createTempDirectory("jarvis-mosquitto-bambu");
            certificates(folder, "BBL Device CA", serial, "");
            // The same certificate for the printer's FTPS server, in a keystore Java reads.
            openssl(folder, "pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:" + KEY_STORE_PASSWORD);
            Path passwords = folder.resolve("passwords");
            Files.createFile(passwords);
            login(passwords, "bblp", accessCode);
            // The printer's own side of the broker (the simulated printer) on a plain loopback listener beside the TLS one.
            int side = Ports.nobodyListening();
            Mosquitto broker = startTls(folder, "allow_anonymous false\npassword_file " + passwords + "\nlistener " + side + " 127.0.0.1");
            broker.sidePort = side;
            broker.awaitListening(side);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CA, and a server certificate it signed for {@code name} (with {@code extensions}, such as a subjectAltName). */
    private static void certificates(Path folder, String authority, String name, String extensions) throws IOException {
        openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=" + authority);
        openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=" + name);
        Files.writeString(folder.resolve("server.ext"), extensions);
        openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "2", "-extfile", "server.ext");
    }

    private static Mosquitto startTls(Path folder, String access) throws IOException {
        int port = Ports.nobodyListening();
        Files.writeString(folder.resolve("mosquitto.conf"), String.join("\n",
                "per_listener_settings false",
                "user " + System.getProperty("user.name"),
                "log_dest stderr",
                "log_type error",
                "listener " + port + " 127.0.0.1",
                "cafile " + folder.resolve("ca.crt"),
                "certfile " + folder.resolve("server.crt"),
                "keyfile " + folder.resolve("server.key"),
                access,
                ""));
        Mosquitto broker = new Mosquitto(folder, port);
        broker.startAgain();
        return broker;
    }

    private static void login(Path passwords, String user, String password) throws IOException {
        try {
            Process made = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user, password).redirectErrorStream(true).start();
            if (made.waitFor() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed: " + new String(made.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String tlsUrl() {
        return "ssl://127.0.0.1:" + port;
    }

    public Path caCertificate() {
        return folder.resolve("ca.crt");
    }

    private static void openssl(Path folder, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process made = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            String said = new String(made.getInputStream().readAllBytes());
            if (made.waitFor() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed (install Debian's openssl): " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path dynamicSecurityPlugin() {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib")
                .map(folder -> Path.of(folder, "mosquitto_dynamic_security.so")).filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new IllegalStateException("Mosquitto's dynamic security plugin is missing (Debian's mosquitto package has it)."));
    }

    /**
     * A broker with Mosquitto's dynamic security plugin, which (unlike an acl_file) refuses a subscription it does not
     * allow, in the SUBACK, as EMQX and HiveMQ do: each user (password {@code password}) may subscribe to the topic
     * patterns given for it and read what they bring, and publish anywhere.
     */
    public static Mosquitto startWithSubscribeAccess(String password, Map<String, List<String>> patternsByUser) {
        try {
            Path folder = Files.createTempDirectory("jarvis-mosquitto-dynsec");
            List<String> clients = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            for (Map.Entry<String, List<String>> user : patternsByUser.entrySet()) {
                byte[] salt = new byte[12];
                new SecureRandom().nextBytes(salt);
                byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 101, 512)).getEncoded();
                clients.add("{\"username\":\"%s\",\"password\":\"%s\",\"salt\":\"%s\",\"iterations\":101,\"roles\":[{\"rolename\":\"%s\"}]}"
                        .formatted(user.getKey(), Base64.getEncoder().encodeToString(hash),
                                Base64.getEncoder().encodeToString(salt), user.getKey()));
                roles.add("{\"rolename\":\"%s\",\"acls\":[%s]}".formatted(user.getKey(), String.join(",", user.getValue().stream()
                        .map(pattern -> "{\"acltype\":\"subscribePattern\",\"topic\":\"%s\",\"priority\":0,\"allow\":true}".formatted(pattern))
                        .toList())));
            }
            Files.writeString(folder.resolve("dynamic-security.json"), """
                    {"defaultACLAccess":{"publishClientSend":true,"publishClientReceive":true,"subscribe":false,"unsubscribe":true},
                     "clients":[%s],"groups":[],"roles":[%s]}""".formatted(String.join(",", clients), String.join(",", roles)));
            int port = Ports.nobodyListening();
            Files.writeString(folder.resolve("mosquitto.conf"), String.join("\n",
                    "per_listener_settings false",
                    "listener " + port + " 127.0.0.1",
                    "user " + System.getProperty("user.name"),
                    "allow_anonymous false",
                    "plugin " + dynamicSecurityPlugin(),
                    "plugin_opt_config_file " + folder.resolve("dynamic-security.json"),
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    ""));
            Mosquitto broker = new Mosquitto(folder, port);
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mosquitto start(boolean persistent, Map<String, String> logins) {
        try {
            Path folder = Files.createTempDirectory("jarvis-mosquitto");
            int port = Ports.nobodyListening();
            String access = "allow_anonymous true";
            if (!logins.isEmpty()) {
                Path passwords = folder.resolve("passwords");
                Files.createFile(passwords);
                for (Map.Entry<String, String> login : logins.entrySet()) {
                    login(passwords, login.getKey(), login.getValue());
                }
                access = "allow_anonymous false\npassword_file " + passwords;
            }
            Files.writeString(folder.resolve("mosquitto.conf"), String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    // Started as root, Mosquitto would become the user 'mosquitto', who cannot read this private folder.
                    "user " + System.getProperty("user.name"),
                    access,
                    "persistence " + persistent,
                    "persistence_location " + folder + "/",
                    "autosave_interval 1",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    ""));
            Mosquitto broker = new Mosquitto(folder, port);
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The password of {@link #keyStore()}. */
    public static final String KEY_STORE_PASSWORD = "jarvis";

    /** A Bambu broker's certificate and key as a PKCS#12 keystore, for the printer's other TLS servers (FTPS). */
    public Path keyStore() {
        return folder.resolve("server.p12");
    }

    /** The plain loopback listener beside a Bambu broker's TLS one, where the simulated printer connects. */
    public String sideUrl() {
        return "tcp://127.0.0.1:" + sidePort;
    }

    public int port() {
        return port;
    }

    /** Starts the broker (again) on its port and waits until it accepts connections. */
    public void startAgain() {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "These tests need a real Mosquitto broker: install it (Debian: apt-get install mosquitto; .ci/run does)."));
        try {
            process = new ProcessBuilder(binary.toString(), "-c", folder.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening(port);
        if (sidePort != 0) {
            awaitListening(sidePort);
        }
    }

    private void awaitListening(int on) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), on)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Mosquitto stopped at start: " + log());
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("Mosquitto did not listen on " + on + " within 10 s: " + log());
    }

    /** Kills the broker at once (SIGKILL): clients see the connection drop, with no goodbye. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        kill();
    }
}
