package jarvis.tests.simulators;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The camera stream of a Bambu A1 or P1 (PROTOCOLS.md §9): TLS on its port with the printer's certificate, an 80-byte
 * login read first ({@code bblp} and the access code, NUL-padded), then a frame every 200 ms, each a 16-byte header
 * (size, 0, 1, 0, little-endian) and a JPEG. A wrong login is answered by closing the connection, as the printer does.
 */
public final class BambuCameraSimulator implements AutoCloseable {

    private final SSLServerSocket server;
    private final String accessCode;

    public BambuCameraSimulator(Path keyStore, String keyStorePassword, String accessCode) throws Exception {
        this.accessCode = accessCode;
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, keyStorePassword.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, keyStorePassword.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve(Socket client) {
        try (client) {
            byte[] login = new byte[80];
            new DataInputStream(client.getInputStream()).readFully(login);
            ByteBuffer read = ByteBuffer.wrap(login).order(ByteOrder.LITTLE_ENDIAN);
            boolean shaped = read.getInt() == 0x40 && read.getInt() == 0x3000;
            if (!shaped || !field(login, 16).equals("bblp") || !field(login, 48).equals(accessCode)) {
                return;
            }
            OutputStream out = client.getOutputStream();
            for (int frame = 1; frame <= 50; frame++) {
                byte[] jpeg = CameraSimulator.jpeg(20 + frame);
                out.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(jpeg.length).putInt(0).putInt(1).putInt(0).array());
                out.write(jpeg);
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException gone) {
            // The client took its frame and went.
        }
    }

    private static String field(byte[] packet, int offset) {
        int end = offset;
        while (end < offset + 32 && packet[end] != 0) {
            end++;
        }
        return new String(packet, offset, end - offset, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
