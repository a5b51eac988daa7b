package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moonraker's websocket (JSON-RPC 2.0): identified, subscribed to the printer objects Jarvis reads, and each
 * {@code notify_status_update} delta merged into the objects as they stand, so a reading needs no request and shows
 * a change as soon as Klipper reports it. While it is not subscribed (connecting, Klipper not ready, the socket cut),
 * it has nothing to offer and the driver reads over HTTP; it connects again at the next reading, at most every few
 * seconds.
 */
final class MoonrakerLive implements WebSocket.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MoonrakerLive.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration SILENCE = Duration.ofSeconds(5);
    private static final int IDENTIFY = 1;
    private static final int SUBSCRIBE = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final String name;
    private final URI socket;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonNode objects;
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger(SUBSCRIBE);
    /** The subscribed objects as they stand, merged from the subscription's answer and every delta since. */
    private final ObjectNode status = json.createObjectNode();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket open;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    private boolean connecting;
    private boolean subscribed;
    private Instant lastAttempt = Instant.MIN;
    private Instant settledAt = Instant.MIN;
    /** Closed with its driver: nothing more is opened, and a socket that opens late is closed at once. */
    private boolean closed;
    private Instant lastHeard = Instant.MIN;

    MoonrakerLive(String name, URI base, String apiKey, HttpClient http, Duration timeout, JsonNode objects, Clock clock) {
        this.name = name;
        String scheme = base.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        this.socket = URI.create(scheme + "://" + base.getRawAuthority() + "/websocket");
        this.apiKey = apiKey;
        this.http = http;
        this.timeout = timeout;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * A command was just carried out: for a moment the objects are not offered, and a reading goes over HTTP, where
     * the command's effect shows at once (Klipper reports changes to subscribers every quarter of a second).
     */
    synchronized void commanded() {
        settledAt = clock.instant().plus(SETTLE);
    }

    /** The subscribed objects as they stand, when subscribed; else empty, and a connection begun if none is under way. */
    synchronized Optional<ObjectNode> objects() {
        // Moonraker speaks every second (notify_proc_stat_update): a socket silent for longer is half-open, its objects stale.
        if (open != null && clock.instant().isAfter(lastHeard.plus(SILENCE))) {
            LOG.debug("{}: Moonraker's websocket has been silent since {}; reading over HTTP", name, lastHeard);
            open.abort();
            lost();
        }
        if (subscribed && !clock.instant().isBefore(settledAt)) {
            return Optional.of(status.deepCopy());
        }
        if (!closed && !connecting && open == null && clock.instant().isAfter(lastAttempt.plus(RETRY))) {
            connect();
        }
        return Optional.empty();
    }

    private void connect() {
        connecting = true;
        lastAttempt = clock.instant();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (!apiKey.isEmpty()) {
            builder.header("X-Api-Key", apiKey);
        }
        builder.buildAsync(socket, this).whenComplete((made, failure) -> {
            synchronized (this) {
                connecting = false;
                if (failure != null) {
                    LOG.debug("{}: Moonraker's websocket at {} did not open: {}", name, socket, failure.getMessage());
                }
            }
        });
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket) {
        if (closed) {
            webSocket.abort();
            return;
        }
        open = webSocket;
        sending = CompletableFuture.completedFuture(webSocket);
        lastHeard = clock.instant();
        ObjectNode identify = json.createObjectNode().put("client_name", "Jarvis").put("version", "0.1.0").put("type", "desktop")
                .put("url", "https://github.com/jarvis-workshop");
        if (!apiKey.isEmpty()) {
            identify.put("api_key", apiKey);
        }
        send(webSocket, "server.connection.identify", identify, IDENTIFY);
        subscribe(webSocket);
        webSocket.request(1);
    }

    private void subscribe(WebSocket webSocket) {
        send(webSocket, "printer.objects.subscribe", json.createObjectNode().set("objects", objects), ids.incrementAndGet());
    }

    /** Sends a call after the one before has gone: a websocket takes one send at a time, and fails a second meanwhile. */
    private void send(WebSocket webSocket, String method, JsonNode params, int id) {
        ObjectNode call = json.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", id);
        call.set("params", params);
        sending = sending.handle((sent, failure) -> null).thenCompose(ready -> webSocket.sendText(call.toString(), true));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String whole = null;
        synchronized (this) {
            if (webSocket != open) {
                return null;
            }
            lastHeard = clock.instant();
            partial.append(data);
            if (last) {
                whole = partial.toString();
                partial.setLength(0);
            }
        }
        if (whole != null) {
            heard(webSocket, whole);
        }
        webSocket.request(1);
        return null;
    }

    private void heard(WebSocket webSocket, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            LOG.debug("{}: Moonraker sent something that is not JSON: {}", name, text.length() > 80 ? text.substring(0, 80) : text);
            return;
        }
        String method = message.path("method").asText("");
        synchronized (this) {
            if (message.has("id") && message.path("id").asInt() > IDENTIFY) {
                if (message.has("error")) {
                    // Klipper not ready yet: the answer is an error; notify_klippy_ready brings the next subscription.
                    subscribed = false;
                    return;
                }
                status.removeAll();
                merge(status, message.path("result").path("status"));
                subscribed = true;
                return;
            }
            switch (method) {
                case "notify_status_update" -> merge(status, message.path("params").path(0));
                case "notify_klippy_shutdown", "notify_klippy_disconnected" -> subscribed = false;
                case "notify_klippy_ready" -> subscribe(webSocket);
                default -> { }
            }
        }
    }

    /** Each changed field of each object into the objects as they stand (a delta holds only what changed). */
    private static void merge(ObjectNode into, JsonNode delta) {
        delta.properties().forEach(object -> {
            JsonNode known = into.get(object.getKey());
            if (known instanceof ObjectNode fields && object.getValue().isObject()) {
                fields.setAll((ObjectNode) object.getValue());
            } else {
                into.set(object.getKey(), object.getValue().deepCopy());
            }
        });
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (webSocket == open) {
            lost();
        }
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        LOG.debug("{}: Moonraker's websocket failed: {}", name, error.getMessage());
        if (webSocket == open) {
            lost();
        }
    }

    private void lost() {
        open = null;
        subscribed = false;
        partial.setLength(0);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
            open.abort();
        }
        lost();
    }
}
