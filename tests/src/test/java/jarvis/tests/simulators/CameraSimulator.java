package jarvis.tests.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * IP cameras as PROTOCOLS.md §10 describes them, on loopback, each path one real-world shape:
 * <ul>
 *   <li>{@code /ISAPI/Streaming/channels/101/picture}: a Hikvision snapshot behind Digest (MD5, {@code qop=auth});</li>
 *   <li>{@code /snapshot}: a ustreamer snapshot behind Basic;</li>
 *   <li>{@code /?action=stream}: mjpg-streamer's stream, {@code boundary=boundarydonotcross}, with Content-Length;</li>
 *   <li>{@code /dashed}: the boundary parameter written with its leading dashes ({@code boundary=--boundarydonotcross});</li>
 *   <li>{@code /api/shop}: Frigate's debug stream, {@code boundary=frame}, no Content-Length, a blank line before each boundary;</li>
 *   <li>{@code /login}: a page instead of a picture; {@code /stall}: headers, then nothing.</li>
 * </ul>
 * Each frame is a real JPEG (made with ImageIO) whose colour changes with the frame number.
 */
public final class CameraSimulator implements AutoCloseable {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private final HttpServer server;
    private final String user;
    private final String password;
    private final String nonce = "4e4a4d4d51544d3246";
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private volatile byte[] lastLive = new byte[0];

    public CameraSimulator(String user, String password) {
        this.user = user;
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(exchange -> {
            requests.incrementAndGet();
            threads.execute(exchange);
        });
        server.createContext("/ISAPI/Streaming/channels/101/picture", exchange -> {
            if (!digestAccepted(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Digest qop=\"auth\", realm=\"IP Camera(C1234)\", nonce=\"" + nonce
                        + "\", stale=\"FALSE\"");
                send(exchange, 401, "text/html", "<html><body>Unauthorized</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "image/jpeg", jpeg(1));
        });
        server.createContext("/snapshot", exchange -> {
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"ustreamer\"");
                send(exchange, 401, "text/plain", "401 Unauthorized".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "image/jpeg", jpeg(2));
        });
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            if (exchange.getRequestURI().getPath().equals("/") && query != null && query.contains("action=stream")) {
                stream(exchange, "boundarydonotcross", "boundarydonotcross", true, false);
            } else {
                send(exchange, 404, "text/plain", "404: Not Found!".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/hd.jpg", exchange -> send(exchange, 200, "image/jpeg", HD));
        // A 1280×720 camera whose picture changes from one moment to the next: ten pictures in turn.
        server.createContext("/live-hd.jpg", exchange -> send(exchange, 200, "image/jpeg", liveHd.get(live.incrementAndGet() % liveHd.size())));
        // A camera whose picture changes, as a real one's does from one moment to the next.
        server.createContext("/live.jpg", exchange -> {
            byte[] picture = jpeg(20 + live.incrementAndGet() % 50);
            lastLive = picture;
            send(exchange, 200, "image/jpeg", picture);
        });
        server.createContext("/dashed", exchange -> stream(exchange, "--boundarydonotcross", "boundarydonotcross", true, false));
        server.createContext("/api/shop", exchange -> stream(exchange, "frame", "frame", false, true));
        server.createContext("/login", exchange -> send(exchange, 200, "text/html", "<html><form>Login</form></html>".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/stall", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 0);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    /** The picture {@code /live.jpg} sent last. */
    public byte[] lastLive() {
        return lastLive;
    }

    /** How many requests reached the cameras, of any kind. */
    public int requests() {
        return requests.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A 1280×720 JPEG of a hundred KB or so, as a printer's or a workshop's camera sends: gradients and speckle to compress. */
    public static final byte[] HD = hd(7);

    private final List<byte[]> liveHd = java.util.stream.IntStream.range(0, 10).mapToObj(CameraSimulator::hd).toList();

    private static byte[] hd(int seed) {
        BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        java.util.Random speckle = new java.util.Random(seed);
        for (int y = 0; y < 720; y++) {
            for (int x = 0; x < 1280; x++) {
                int grey = (x * 255 / 1280 + y * 255 / 720) / 2;
                int noise = speckle.nextInt(24);
                image.setRGB(x, y, new Color(Math.min(255, grey + noise), Math.min(255, grey / 2 + noise), Math.min(255, 255 - grey + noise)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG of 64×48 in a colour that depends on {@code number}, so two frames can be told apart. */
    public static byte[] jpeg(int number) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(Color.HSBtoRGB(number / 10f, 0.8f, 0.9f)));
        graphics.fillRect(0, 0, 64, 48);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Three frames in one stream, shaped as the camera kind sends them, then the stream stays open until the client leaves. */
    private void stream(HttpExchange exchange, String parameter, String boundary, boolean withLength, boolean blankLineFirst) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=" + parameter);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int frame = 1; frame <= 3; frame++) {
                byte[] picture = jpeg(10 + frame);
                String head = (blankLineFirst ? "\r\n" : "") + "--" + boundary + "\r\nContent-Type: image/jpeg\r\n"
                        + (withLength ? "Content-Length: " + picture.length + "\r\nX-Timestamp: " + frame + ".000000\r\n" : "") + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(picture);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread.sleep(30_000);
        } catch (IOException | InterruptedException leftByTheClient) {
            // The client took its frame and went.
        }
    }

    private boolean digestAccepted(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> said = new HashMap<>();
        Matcher parameter = PARAMETER.matcher(header);
        while (parameter.find()) {
            said.put(parameter.group(1), parameter.group(2) != null ? parameter.group(2) : parameter.group(3));
        }
        String ha1 = md5(user + ":" + said.get("realm") + ":" + password);
        String ha2 = md5("GET:" + said.get("uri"));
        String expected = md5(ha1 + ":" + nonce + ":" + said.get("nc") + ":" + said.get("cnonce") + ":" + said.get("qop") + ":" + ha2);
        return user.equals(said.get("username")) && nonce.equals(said.get("nonce")) && expected.equals(said.get("response"))
                && exchange.getRequestURI().toString().equals(said.get("uri"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
