package jarvis.tests.support;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A device that floods a broker as a cheap sensor does: MQTT 3.1.1 over a plain socket, QoS 0 publishes written into a
 * buffer and flushed when asked, no client library's threads. A benchmark's simulated devices then take little of the
 * cores the app under test needs (Paho's sender thread costs as much as the app's UI thread).
 */
public final class RawMqttPublisher implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    public RawMqttPublisher(String url, String clientId) throws IOException {
        URI address = URI.create(url);
        socket = new Socket();
        socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 5000);
        socket.setSoTimeout(5000);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        string(variable, "MQTT");
        variable.write(4);      // protocol level: 3.1.1
        variable.write(0x02);   // clean session
        variable.write(0);
        variable.write(60);     // keep alive, seconds
        string(variable, clientId);
        packet(0x10, variable.toByteArray());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] connack = new byte[4];
        in.readFully(connack);
        if ((connack[0] & 0xF0) != 0x20 || connack[3] != 0) {
            throw new IOException("The broker refused the connection (CONNACK code " + connack[3] + ")");
        }
    }

    /** Queues a QoS 0 message; it goes out at the next {@link #flush()} or when the buffer fills. */
    public void publish(String topic, String payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(payload.getBytes(StandardCharsets.UTF_8));
        packet(0x30, body.toByteArray());
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void packet(int type, byte[] body) throws IOException {
        out.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.write(body);
    }

    private static void string(ByteArrayOutputStream to, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        to.write(bytes.length >> 8);
        to.write(bytes.length & 0xFF);
        to.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        out.write(0xE0);
        out.write(0);
        out.flush();
        socket.close();
    }
}
