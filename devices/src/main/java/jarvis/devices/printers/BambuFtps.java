package jarvis.devices.printers;

import jarvis.devices.printers.PrinterException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Sends a file to a Bambu printer over FTPS (PROTOCOLS.md §9): implicit TLS on port 990, {@code bblp} and the access
 * code, {@code PBSZ 0}, {@code PROT P}, passive mode. The printer's FTP server (vsftpd) refuses a data connection
 * whose TLS session is not the control connection's ("522 SSL connection failed: session reuse required"), and the
 * JDK offers a session again only to the host and port it was made with, and takes the port from the socket under
 * the TLS: so the data connection's TLS is layered over its plain socket dressed as the control connection's
 * ({@link ControlPort}), and the JDK offers the control session again. This is the one place Jarvis speaks FTP;
 * Apache Commons Net's client does not reuse sessions, and the known workarounds reach into the JDK's internals.
 */
final class BambuFtps {

    private static final Pattern PASSIVE = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final String printer;
    private final String host;
    private final int port;
    private final String accessCode;
    private final SSLContext tls;
    private final Duration timeout;

    BambuFtps(String printer, String host, int port, String accessCode, SSLContext tls, Duration timeout) {
        this.printer = printer;
        this.host = host;
        this.port = port;
        this.accessCode = accessCode;
        this.tls = tls;
        this.timeout = timeout;
    }

    /** Stores {@code file} as {@code name} in the printer's storage, telling {@code sent} the bytes sent so far. */
    void upload(Path file, String name, LongConsumer sent) throws PrinterException {
        if (!Files.isReadable(file)) {
            throw new PrinterException(Kind.REJECTED, "There is no file " + file + " to send to " + printer + ".");
        }
        try (SSLSocket control = (SSLSocket) tls.getSocketFactory().createSocket()) {
            control.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            control.setSoTimeout((int) timeout.toMillis());
            control.startHandshake();
            Conversation ftp = new Conversation(control);
            ftp.expect(220, "greet");
            ftp.send("USER bblp");
            ftp.expect(331, "take the user name");
            ftp.send("PASS " + accessCode);
            int login = ftp.reply();
            if (login == 530) {
                throw new PrinterException(Kind.REFUSED, printer + " refused the access code for sending files: check it on the printer, under "
                        + "Settings → LAN Only.");
            }
            ftp.require(login, 230, "log in");
            ftp.command("PBSZ 0", 200);
            ftp.command("PROT P", 200);
            ftp.command("TYPE I", 200);
            ftp.send("PASV");
            ftp.expect(227, "open a data connection");
            Matcher address = PASSIVE.matcher(ftp.last());
            if (!address.find()) {
                throw new PrinterException(Kind.REJECTED, printer + " gave a data address Jarvis cannot read: " + ftp.last());
            }
            // The port from the answer, the host of the control connection (a printer behind NAT names its own address).
            int dataPort = Integer.parseInt(address.group(5)) * 256 + Integer.parseInt(address.group(6));
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(host, dataPort), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            ftp.send("STOR " + name);
            ftp.expect(150, "take " + name);
            try (SSLSocket data = (SSLSocket) tls.getSocketFactory().createSocket(new ControlPort(plain, port), host, port, true)) {
                data.setUseClientMode(true);
                data.startHandshake();
                try (InputStream in = Files.newInputStream(file); OutputStream out = data.getOutputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, read);
                        total += read;
                        sent.accept(total);
                    }
                }
            } catch (IOException e) {
                int said = ftp.replyQuietly();
                throw new PrinterException(Kind.REJECTED, printer + " broke off the transfer of " + name
                        + (said == 522 ? " because the TLS session was not reused (522): " + ftp.last() : ": " + e.getMessage()) + ".", e);
            }
            int stored = ftp.reply();
            if (stored == 522) {
                throw new PrinterException(Kind.REJECTED, printer + " refused the transfer of " + name + ": " + ftp.last());
            }
            ftp.require(stored, 226, "store " + name);
            ftp.send("QUIT");
        } catch (SocketTimeoutException e) {
            throw new PrinterException(Kind.UNREACHABLE, printer + " stopped answering while " + name + " was sent (more than "
                    + timeout.toSeconds() + " s).", e);
        } catch (IOException e) {
            throw new PrinterException(Kind.UNREACHABLE, "Could not send " + name + " to " + printer + " at " + host + ":" + port + " ("
                    + e.getMessage() + "): is it on, and in LAN mode?", e);
        }
    }

    /** The control connection: one command, one reply (multi-line replies read whole). */
    private final class Conversation {

        private final BufferedReader in;
        private final Writer out;
        private String last = "";

        Conversation(Socket control) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            this.out = new OutputStreamWriter(control.getOutputStream(), StandardCharsets.UTF_8);
        }

        void send(String command) throws IOException {
            out.write(command + "\r\n");
            out.flush();
        }

        /** The code of the next reply; its text is {@link #last()}. */
        int reply() throws IOException {
            String line = in.readLine();
            if (line == null || line.length() < 3) {
                throw new IOException("the printer closed the connection");
            }
            String code = line.substring(0, 3);
            StringBuilder text = new StringBuilder(line);
            if (line.length() > 3 && line.charAt(3) == '-') {
                for (String more = in.readLine(); more != null && !more.startsWith(code + " "); more = in.readLine()) {
                    text.append('\n').append(more);
                }
            }
            last = text.toString();
            return Integer.parseInt(code);
        }

        int replyQuietly() {
            try {
                return reply();
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        String last() {
            return last;
        }

        void expect(int code, String what) throws IOException, PrinterException {
            require(reply(), code, what);
        }

        void require(int got, int code, String what) throws PrinterException {
            if (got != code) {
                throw new PrinterException(Kind.REJECTED, printer + " would not " + what + ": " + last);
            }
        }

        void command(String command, int code) throws IOException, PrinterException {
            send(command);
            expect(code, "take " + command);
        }
    }

    /**
     * The data connection's plain socket, saying it is connected to the control connection's port: the JDK looks up
     * the session to offer by the host and the port of the socket under the TLS. Everything else is the real socket.
     */
    private static final class ControlPort extends Socket {

        private final Socket real;
        private final int controlPort;

        ControlPort(Socket real, int controlPort) {
            this.real = real;
            this.controlPort = controlPort;
        }

        @Override
        public int getPort() {
            return controlPort;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return new InetSocketAddress(real.getInetAddress(), controlPort);
        }

        @Override
        public InetAddress getInetAddress() {
            return real.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return real.getLocalAddress();
        }

        @Override
        public int getLocalPort() {
            return real.getLocalPort();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return real.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return real.getOutputStream();
        }

        @Override
        public boolean isConnected() {
            return real.isConnected();
        }

        @Override
        public boolean isClosed() {
            return real.isClosed();
        }

        @Override
        public boolean isInputShutdown() {
            return real.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return real.isOutputShutdown();
        }

        @Override
        public void shutdownInput() throws IOException {
            real.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            real.shutdownOutput();
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            real.setSoTimeout(timeout);
        }

        @Override
        public int getSoTimeout() throws SocketException {
            return real.getSoTimeout();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
