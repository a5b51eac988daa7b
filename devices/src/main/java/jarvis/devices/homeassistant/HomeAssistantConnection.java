package jarvis.devices.homeassistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket connection to Home Assistant ({@code /api/websocket}): the auth flow, commands with ids
 * that strictly increase (assigned and sent in one step, so they reach the server in order), their results, and the
 * events of subscriptions. Frames may arrive in parts and, once asked, as arrays of messages. When the connection
 * ends, every command still waiting fails with the reason, and {@code onClosed} is told once.
 */
final class HomeAssistantConnection implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantConnection.class);

    private final ObjectMapper json = new ObjectMapper();
    private final String address;
    private final String token;
    private final Duration timeout;
    private final Consumer<HomeAssistantException> onClosed;
    private final CompletableFuture<String> authenticated = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Consumer<JsonNode>> subscriptions = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private int lastId;
    private volatile WebSocket socket;
    private volatile boolean closed;

    private HomeAssistantConnection(String address, String token, Duration timeout, Consumer<HomeAssistantException> onClosed) {
        this.address = address;
        this.token = token;
        this.timeout = timeout;
        this.onClosed = onClosed;
    }

    /**
     * Connects to {@code address} (http or https, as configured) and authenticates with {@code token}. Completes with
     * the connection once Home Assistant has said {@code auth_ok}; fails with a {@link HomeAssistantException} that
     * says what to do.
     */
    static CompletableFuture<HomeAssistantConnection> open(HttpClient http, String address, String token, Duration timeout,
                                                           Consumer<HomeAssistantException> onClosed) {
        HomeAssistantConnection connection = new HomeAssistantConnection(address, token, timeout, onClosed);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(webSocketUri(address), connection)
                .thenCompose(socket -> connection.authenticated)
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((version, failure) -> {
                    if (failure == null) {
                        LOG.info("Connected to Home Assistant {} at {}", version, address);
                        return connection;
                    }
                    connection.abort();
                    throw connection.explain(failure);
                });
    }

    static URI webSocketUri(String address) {
        String base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        return URI.create(base.replaceFirst("^http", "ws") + "/api/websocket");
    }

    private HomeAssistantException explain(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HomeAssistantException known) {
            return known;
        }
        if (cause instanceof TimeoutException) {
            return new HomeAssistantException(HomeAssistantException.Kind.TIMEOUT, null, "Home Assistant at " + address
                    + " did not finish connecting within " + timeout.toSeconds() * 2 + " s. Is it starting up?", cause);
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, null, "Home Assistant at " + address
                    + " refused the connection (HTTP " + status + "). Check homeassistant.url: it is the address you open Home "
                    + "Assistant at, such as http://homeassistant.local:8123.", cause);
        }
        boolean down = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause.getCause() instanceof ConnectException;
        return new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, null, down
                ? "Home Assistant does not answer at " + address + ". Is it running? Check homeassistant.url in Settings."
                : "Cannot reach Home Assistant at " + address + " (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ").", cause);
    }

    /** Sends a command and completes with its {@code result}; a refusal fails with Home Assistant's code and message. */
    CompletableFuture<JsonNode> command(String type, ObjectNode fields) {
        return send(type, fields, null);
    }

    /** Subscribes to events of {@code eventType}; each event's {@code event} object goes to {@code events}. */
    CompletableFuture<JsonNode> subscribe(String eventType, Consumer<JsonNode> events) {
        ObjectNode fields = json.createObjectNode().put("event_type", eventType);
        return send("subscribe_events", fields, events);
    }

    ObjectNode fields() {
        return json.createObjectNode();
    }

    private CompletableFuture<JsonNode> send(String type, ObjectNode fields, Consumer<JsonNode> events) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        int id;
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE,
                        "The connection to Home Assistant is closed; Jarvis is connecting again."));
                return result;
            }
            id = ++lastId;
            ObjectNode message = json.createObjectNode().put("id", id).put("type", type);
            message.setAll(fields);
            pending.put(id, result);
            if (events != null) {
                subscriptions.put(id, events);
            }
            String text = message.toString();
            // One send at a time, in id order: the server refuses an id that does not increase. A send that fails fails
            // its own command, and the next send goes ahead.
            sending = sending.handle((ws, earlier) -> socket).thenCompose(ws -> ws.sendText(text, true));
            sending.whenComplete((ws, failure) -> {
                if (failure != null) {
                    pending.remove(id);
                    result.completeExceptionally(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, null,
                            "Could not send '" + type + "' to Home Assistant (" + failure.getMessage() + ").", failure));
                }
            });
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> pending.remove(id))
                .exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                throw new HomeAssistantException(HomeAssistantException.Kind.TIMEOUT, null, "Home Assistant did not answer '" + type
                        + "' within " + timeout.toSeconds() + " s.", cause);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    private void sendRaw(ObjectNode message) {
        String text = message.toString();
        synchronized (this) {
            sending = sending.handle((ws, earlier) -> socket).thenCompose(ws -> ws.sendText(text, true));
        }
    }

    /** Called before any message arrives: Home Assistant's {@code auth_required} may come before the connect completes. */
    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
            sending = CompletableFuture.completedFuture(webSocket);
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = json.readTree(text);
                if (frame.isArray()) {
                    frame.forEach(this::receive);
                } else {
                    receive(frame);
                }
            } catch (JsonProcessingException e) {
                LOG.warn("Home Assistant sent a frame that is not JSON; skipped: {}", e.getOriginalMessage());
            } catch (RuntimeException e) {
                LOG.warn("A Home Assistant message could not be handled", e);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void receive(JsonNode message) {
        switch (message.path("type").asText()) {
            case "auth_required" -> sendRaw(json.createObjectNode().put("type", "auth").put("access_token", token));
            case "auth_ok" -> authenticated.complete(message.path("ha_version").asText("?"));
            case "auth_invalid" -> authenticated.completeExceptionally(new HomeAssistantException(
                    HomeAssistantException.Kind.TOKEN_REFUSED, "Home Assistant rejected the token (" + message.path("message").asText()
                    + "). Make a long-lived access token in Home Assistant (your profile, Security tab) and save it as the "
                    + "homeassistant.token secret."));
            case "result" -> result(message);
            case "event" -> {
                Consumer<JsonNode> events = subscriptions.get(message.path("id").asInt());
                if (events != null) {
                    events.accept(message.path("event"));
                }
            }
            case "pong" -> {
                CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asInt());
                if (waiting != null) {
                    waiting.complete(message);
                }
            }
            default -> LOG.debug("Home Assistant message of unknown type skipped: {}", message.path("type").asText());
        }
    }

    private void result(JsonNode message) {
        int id = message.path("id").asInt();
        CompletableFuture<JsonNode> waiting = pending.remove(id);
        if (waiting == null) {
            return;
        }
        if (message.path("success").asBoolean(false)) {
            waiting.complete(message.path("result"));
            return;
        }
        subscriptions.remove(id);
        JsonNode error = message.path("error");
        String code = error.path("code").asText("unknown_error");
        waiting.completeExceptionally(new HomeAssistantException(HomeAssistantException.Kind.REFUSED, code,
                "Home Assistant refused it: " + error.path("message").asText(code) + " (" + code + ").", null));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, "The connection to Home Assistant closed ("
                + statusCode + (reason == null || reason.isEmpty() ? "" : ", " + reason) + "); Jarvis is connecting again."));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, null, "The connection to Home Assistant failed ("
                + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + "); Jarvis is connecting again.", error));
    }

    private void end(HomeAssistantException why) {
        end(why, true);
    }

    /** Ends the connection once: everything waiting fails with {@code why}, and {@code onClosed} hears of it if {@code tell}. */
    private void end(HomeAssistantException why, boolean tell) {
        boolean wasUp;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wasUp = authenticated.isDone() && !authenticated.isCompletedExceptionally();
        }
        authenticated.completeExceptionally(why);
        pending.values().forEach(waiting -> waiting.completeExceptionally(why));
        pending.clear();
        subscriptions.clear();
        if (wasUp && tell) {
            onClosed.accept(why);
        }
    }

    /** Closes the connection: what waits fails at once, and no reconnect follows from it. */
    void close() {
        end(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, "The connection to Home Assistant was closed."), false);
        abort();
    }

    /** Ends a connection that stopped answering (a lost network leaves it open but silent): a reconnect follows. */
    void giveUp(String why) {
        end(new HomeAssistantException(HomeAssistantException.Kind.UNREACHABLE, why), true);
        abort();
    }

    private void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
