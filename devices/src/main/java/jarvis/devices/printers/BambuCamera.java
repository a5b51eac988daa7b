package jarvis.devices.printers;

import jarvis.devices.cameras.Camera;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.CameraException.Kind;
import jarvis.devices.cameras.Frame;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * The camera of a Bambu A1 or P1 printer (PROTOCOLS.md §9): a TLS socket on port 6000 (the certificate named after the
 * serial), an 80-byte login (little-endian 0x40, 0x3000, two zeros, then {@code bblp} and the access code, each padded
 * to 32 bytes with NULs), then frames, each a 16-byte header whose first word is the JPEG's size. A printer that does
 * not like the access code closes the connection without a frame.
 */
public final class BambuCamera implements Camera {

    /** The port of the A1 and P1 camera stream. */
    public static final int PORT = 6000;
    /** Larger than any frame the printer sends (1280×720 JPEGs of a few hundred KB): a header saying more is not one. */
    private static final int LARGEST_FRAME = 8 * 1024 * 1024;

    private final String name;
    private final String host;
    private final int port;
    private final String serial;
    private final String accessCode;
    private final Duration timeout;
    private final Clock clock;

    public BambuCamera(String name, String host, int port, String serial, String accessCode, Duration timeout, Clock clock) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.serial = serial;
        this.accessCode = accessCode;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    /** The 80-byte login the printer reads before it sends frames. */
    static byte[] login(String user, String accessCode) {
        ByteBuffer packet = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        packet.putInt(0x40).putInt(0x3000).putInt(0).putInt(0);
        packet.put(padded(user)).put(padded(accessCode));
        return packet.array();
    }

    private static byte[] padded(String text) {
        byte[] field = new byte[32];
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, Math.min(bytes.length, 32));
        return field;
    }

    @Override
    public Frame snapshot() throws CameraException {
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new SerialTrust(serial).getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new CameraException(Kind.UNREACHABLE, "This Java has no TLS for the printer's camera: " + e.getMessage(), e);
        }
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(login("bblp", accessCode));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[16];
            in.readFully(header);
            int size = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (size <= 0 || size > LARGEST_FRAME) {
                throw new CameraException(Kind.NOT_A_PICTURE, name + "'s camera sent a frame header Jarvis cannot read (size " + size + ").");
            }
            byte[] image = new byte[size];
            in.readFully(image);
            if (!Frame.isPicture(image)) {
                throw new CameraException(Kind.NOT_A_PICTURE, name + "'s camera sent a frame that is not a JPEG.");
            }
            return new Frame(image, clock.instant());
        } catch (EOFException e) {
            throw new CameraException(Kind.REFUSED, name + "'s camera closed the connection without a picture: check the access code "
                    + "(Settings → LAN Only on the printer), and that LAN mode liveview is on.", e);
        } catch (SocketTimeoutException e) {
            throw new CameraException(Kind.UNREACHABLE, name + "'s camera sent no picture within " + timeout.toSeconds() + " s.", e);
        } catch (ConnectException e) {
            throw new CameraException(Kind.UNREACHABLE, name + "'s camera at " + host + ":" + port + " cannot be reached: is the printer on, "
                    + "and is it an A1 or P1 (the X1 streams over RTSP)?", e);
        } catch (SSLHandshakeException e) {
            throw new CameraException(Kind.REFUSED, "The camera at " + host + " is not " + name + "'s: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CameraException(Kind.UNREACHABLE, name + "'s camera broke off: " + e.getMessage(), e);
        }
    }
}
