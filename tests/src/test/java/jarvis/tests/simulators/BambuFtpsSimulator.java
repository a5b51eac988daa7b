package jarvis.tests.simulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A Bambu printer's FTPS server as PROTOCOLS.md §9 describes it (vsftpd underneath): implicit TLS, {@code bblp} and
 * the access code, {@code PBSZ 0}, {@code PROT P}, passive mode, and the rule that bites real clients: a data
 * connection whose TLS session is not the control connection's is refused with "522 SSL connection failed: session
 * reuse required". TLS 1.2, where a resumed session keeps its id, so the check is the ids being equal.
 */
public final class BambuFtpsSimulator implements AutoCloseable {

    private final String accessCode;
    private final SSLContext tls;
    private final SSLServerSocket control;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private volatile int refusedForNoReuse;

    public BambuFtpsSimulator(Path keyStore, String keyStorePassword, String accessCode) throws Exception {
        this.accessCode = accessCode;
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, keyStorePassword.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, keyStorePassword.toCharArray());
        tls = SSLContext.getInstance("TLSv1.2");
        tls.init(managers.getKeyManagers(), null, null);
        control = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        control.setEnabledProtocols(new String[] {"TLSv1.2"});
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return control.getLocalPort();
    }

    /** What was stored, by name. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** How many transfers were refused because the data connection did not reuse the control's TLS session. */
    public int refusedForNoReuse() {
        return refusedForNoReuse;
    }

    private void accept() {
        while (!control.isClosed()) {
            try {
                Socket client = control.accept();
                Thread.ofVirtual().start(() -> serve((SSLSocket) client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        try (client) {
            client.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            say(out, "220 Service ready for new user.");
            boolean user = false;
            boolean loggedIn = false;
            ServerSocket passive = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.split(" ", 2)[0].toUpperCase();
                String argument = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
                if (!loggedIn && !verb.equals("USER") && !verb.equals("PASS") && !verb.equals("QUIT")) {
                    say(out, "530 Please login with USER and PASS.");
                    continue;
                }
                switch (verb) {
                    case "USER" -> {
                        user = argument.equals("bblp");
                        say(out, "331 Please specify the password.");
                    }
                    case "PASS" -> {
                        loggedIn = user && argument.equals(accessCode);
                        say(out, loggedIn ? "230 Login successful." : "530 Login incorrect.");
                    }
                    case "PBSZ" -> say(out, "200 PBSZ set to 0.");
                    case "PROT" -> say(out, argument.equals("P") ? "200 PROT now Private." : "536 PROT must be P.");
                    case "TYPE" -> say(out, "200 Switching to Binary mode.");
                    case "CWD" -> say(out, "250 Directory successfully changed.");
                    case "PASV" -> {
                        passive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                        int port = passive.getLocalPort();
                        say(out, "227 Entering Passive Mode (127,0,0,1," + port / 256 + "," + port % 256 + ").");
                    }
                    case "STOR" -> {
                        if (passive == null) {
                            say(out, "425 Use PORT or PASV first.");
                            continue;
                        }
                        say(out, "150 Ok to send data.");
                        store(client, passive, argument, out);
                        passive.close();
                        passive = null;
                    }
                    case "QUIT" -> {
                        say(out, "221 Goodbye.");
                        return;
                    }
                    default -> say(out, "502 Command not implemented.");
                }
            }
        } catch (IOException ended) {
            // The client went away.
        }
    }

    private void store(SSLSocket client, ServerSocket passive, String name, Writer out) throws IOException {
        try (Socket plain = passive.accept();
             SSLSocket data = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, true)) {
            data.setUseClientMode(false);
            data.setEnabledProtocols(new String[] {"TLSv1.2"});
            data.startHandshake();
            if (!Arrays.equals(data.getSession().getId(), client.getSession().getId())) {
                refusedForNoReuse++;
                say(out, "522 SSL connection failed: session reuse required");
                return;
            }
            files.put(name.startsWith("/") ? name.substring(1) : name, data.getInputStream().readAllBytes());
        }
        say(out, "226 Transfer complete.");
    }

    private static void say(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
