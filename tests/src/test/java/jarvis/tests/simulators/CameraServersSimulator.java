package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The servers that hand out cameras' pictures, as PROTOCOLS.md §4 and §10 describe them, on one loopback port:
 * <ul>
 *   <li>Frigate's authenticated API: {@code POST /api/login} setting the {@code frigate_token} cookie (401
 *       {@code {"message":"Login failed"}} for a bad one), {@code GET /api/<camera>/latest.jpg} wanting the token as a
 *       bearer (401 without), {@code X-Frigate-Offline: true} with a stand-in picture for an offline camera, 404
 *       {@code {"success":false,"message":"Camera not found"}} for an unknown one;</li>
 *   <li>Home Assistant's {@code GET /api/camera_proxy/<entity>} with a long-lived token (401 {@code 401: Unauthorized}
 *       in plain text without);</li>
 *   <li>UniFi Protect's integration API, {@code GET /proxy/protect/integration/v1/cameras/<id>/snapshot} with
 *       {@code X-API-KEY}.</li>
 * </ul>
 */
public final class CameraServersSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String frigateUser;
    private final String frigatePassword;
    private final String homeAssistantToken;
    private final String unifiKey;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<String> frigateLogins = new CopyOnWriteArrayList<>();
    private final Set<String> offline = ConcurrentHashMap.newKeySet();

    public CameraServersSimulator(String frigateUser, String frigatePassword, String homeAssistantToken, String unifiKey) {
        this.frigateUser = frigateUser;
        this.frigatePassword = frigatePassword;
        this.homeAssistantToken = homeAssistantToken;
        this.unifiKey = unifiKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/login", this::login);
        server.createContext("/api/camera_proxy/", exchange -> {
            if (!("Bearer " + homeAssistantToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "text/plain; charset=utf-8", "401: Unauthorized");
            } else if (exchange.getRequestURI().getPath().equals("/api/camera_proxy/camera.workshop")) {
                send(exchange, 200, "image/jpeg", CameraSimulator.jpeg(5));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "404: Not Found");
            }
        });
        server.createContext("/api/", this::latest);
        server.createContext("/proxy/protect/integration/v1/cameras/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (!unifiKey.equals(exchange.getRequestHeaders().getFirst("X-API-KEY"))) {
                send(exchange, 401, "application/json", "{\"error\":\"Unauthorized\",\"name\":\"UNAUTHORIZED\"}");
            } else if (path.equals("/proxy/protect/integration/v1/cameras/65b2a9f400e6c703e4000429/snapshot")) {
                send(exchange, 200, "image/jpeg", CameraSimulator.jpeg(6));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"Not found\",\"name\":\"NOT_FOUND\"}");
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Frigate forgets every token it gave (a restart, or 24 hours gone): the next picture needs a new login. */
    public void expireTokens() {
        tokens.clear();
    }

    /** Frigate has no recent frame from this camera. */
    public void goOffline(String camera) {
        offline.add(camera);
    }

    public List<String> frigateLogins() {
        return frigateLogins;
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        frigateLogins.add(body.path("user").asText());
        if (!frigateUser.equals(body.path("user").asText()) || !frigatePassword.equals(body.path("password").asText())) {
            send(exchange, 401, "application/json", "{\"message\":\"Login failed\"}");
            return;
        }
        String token = "eyJhbGciOiJIUzI1NiJ9." + UUID.randomUUID().toString().replace("-", "") + ".c2ln";
        tokens.add(token);
        exchange.getResponseHeaders().add("Set-Cookie", "frigate_token=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400");
        send(exchange, 200, "application/json", "{}");
    }

    /** {@code /api/<camera>/latest.jpg}: Frigate's latest picture of a camera, behind its token. */
    private void latest(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ") || !tokens.contains(header.substring(7))) {
            send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}");
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String camera = parts.length == 4 ? URLDecoder.decode(parts[2], StandardCharsets.UTF_8) : "";
        if (!parts[parts.length - 1].equals("latest.jpg") || !(camera.equals("front_door") || camera.equals("garage"))) {
            send(exchange, 404, "application/json", "{\"success\":false,\"message\":\"Camera not found\"}");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (query == null || !query.contains("height=") || !query.contains("h=")) {
            send(exchange, 400, "application/json", "{\"success\":false,\"message\":\"the test expects height and h\"}");
            return;
        }
        if (offline.contains(camera)) {
            exchange.getResponseHeaders().add("X-Frigate-Offline", "true");
        }
        send(exchange, 200, "image/jpeg", CameraSimulator.jpeg(camera.equals("front_door") ? 3 : 4));
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        send(exchange, code, type, body.getBytes(StandardCharsets.UTF_8));
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
