package jarvis.devices.homeassistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant, live: connects over the WebSocket API, reads the area, device and entity registries (for names,
 * areas and aliases) and every state, follows {@code state_changed}, and calls services. A lost connection is tried
 * again with growing, jittered pauses; each new connection subscribes first and then reads every state again, so no
 * change falls between. While it is down the last states are kept and said to be stale, never shown as fresh; a
 * command fails at once with the reason. A refused token is not retried until the settings change.
 */
public final class HomeAssistant implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistant.class);
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

    /** Where Home Assistant is and the token to use; empty when either is not set. */
    public record Target(String address, String token) {}

    /** How the connection stands, since when, and a line about it. */
    public record Connection(Status status, String detail, Instant since) {}

    public enum Status { NOT_CONFIGURED, CONNECTING, CONNECTED, DOWN, TOKEN_REFUSED }

    /** Told of changes, on Jarvis's threads: watchers hand them to their own thread. */
    public interface Listener {
        void changed(Entity entity);

        default void removed(String entityId) {}

        default void connection(Connection connection) {}
    }

    private final HttpClient http;
    private final Supplier<Optional<Target>> target;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entity> entities = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Connection connection;
    private volatile HomeAssistantConnection live;
    private volatile Registry registry = Registry.EMPTY;
    private volatile CompletableFuture<HomeAssistantConnection> connecting;
    private volatile ScheduledFuture<?> keepalive;
    private volatile boolean stopped;
    /** Counts the starts: a connection made for an earlier start (an old address, an old token) is closed, not used. */
    private final AtomicInteger generation = new AtomicInteger();

    public HomeAssistant(HttpClient http, Supplier<Optional<Target>> target, ScheduledExecutorService scheduler, Clock clock,
                         Duration timeout) {
        this.http = http;
        this.target = target;
        this.scheduler = scheduler;
        this.clock = clock;
        this.timeout = timeout;
        this.connection = new Connection(Status.NOT_CONFIGURED, "Home Assistant is not set up (homeassistant.url and the "
                + "homeassistant.token secret).", clock.instant());
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Connects, and keeps connecting after every loss, until {@link #close()}; again from the start after a settings change. */
    public synchronized void start() {
        stopped = false;
        int started = generation.incrementAndGet();
        stopConnecting();
        Optional<Target> where = target.get();
        if (where.isEmpty()) {
            report(Status.NOT_CONFIGURED, "Home Assistant is not set up: set homeassistant.url and the homeassistant.token secret.");
            return;
        }
        report(Status.CONNECTING, "Connecting to " + where.get().address() + "…");
        RetryPolicy<HomeAssistantConnection> retries = RetryPolicy.<HomeAssistantConnection>builder()
                .handleIf(failure -> !(failure instanceof HomeAssistantException known && known.kind() == HomeAssistantException.Kind.TOKEN_REFUSED))
                .withMaxRetries(-1)
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(30))
                .withJitter(0.25)
                .onRetry(event -> report(Status.DOWN, event.getLastException().getMessage()))
                .build();
        connecting = Failsafe.with(retries).with(scheduler)
                .getStageAsync(() -> HomeAssistantConnection.open(http, where.get().address(), where.get().token(), timeout,
                                why -> lost(started, why))
                        .thenCompose(opened -> load(opened, started)));
        connecting.whenComplete((opened, failure) -> {
            if (failure != null && !stopped && generation.get() == started) {
                Throwable cause = failure.getCause() != null && !(failure instanceof HomeAssistantException) ? failure.getCause() : failure;
                boolean refused = cause instanceof HomeAssistantException known && known.kind() == HomeAssistantException.Kind.TOKEN_REFUSED;
                report(refused ? Status.TOKEN_REFUSED : Status.DOWN, cause.getMessage());
            }
        });
    }

    /** Stops connecting, the keepalive and the live connection (each start and {@link #close()} begin with it). */
    private void stopConnecting() {
        CompletableFuture<HomeAssistantConnection> previous = connecting;
        if (previous != null) {
            previous.cancel(true);
        }
        ScheduledFuture<?> beat = keepalive;
        if (beat != null) {
            beat.cancel(false);
        }
        HomeAssistantConnection old = live;
        live = null;
        if (old != null) {
            old.close();
        }
    }

    /** Subscribes, then reads the registries and every state, and only then counts as connected. */
    private CompletableFuture<HomeAssistantConnection> load(HomeAssistantConnection opened, int started) {
        return opened.subscribe("state_changed", this::stateChanged)
                .thenCompose(subscribed -> registries(opened))
                .thenCompose(read -> opened.command("get_states", opened.fields()))
                .thenApply(states -> {
                    if (stopped || generation.get() != started) {
                        throw new java.util.concurrent.CancellationException("Home Assistant was started again meanwhile");
                    }
                    Map<String, Entity> fresh = new HashMap<>();
                    for (JsonNode state : states) {
                        Entity entity = entity(state);
                        fresh.put(entity.entityId(), entity);
                    }
                    List<String> gone = entities.keySet().stream().filter(id -> !fresh.containsKey(id)).toList();
                    gone.forEach(entities::remove);
                    entities.putAll(fresh);
                    live = opened;
                    keepalive = scheduler.scheduleWithFixedDelay(() -> ping(opened), KEEPALIVE.toMillis(), KEEPALIVE.toMillis(),
                            TimeUnit.MILLISECONDS);
                    report(Status.CONNECTED, "Connected: " + fresh.size() + " entities.");
                    gone.forEach(id -> listeners.forEach(listener -> listener.removed(id)));
                    fresh.values().forEach(entity -> listeners.forEach(listener -> listener.changed(entity)));
                    return opened;
                })
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        opened.close();
                    }
                });
    }

    private CompletableFuture<Void> registries(HomeAssistantConnection opened) {
        CompletableFuture<JsonNode> areas = opened.command("config/area_registry/list", opened.fields());
        CompletableFuture<JsonNode> devices = opened.command("config/device_registry/list", opened.fields());
        CompletableFuture<JsonNode> entries = opened.command("config/entity_registry/list", opened.fields());
        return CompletableFuture.allOf(areas, devices, entries).handle((all, failure) -> {
            // The registries give names and areas; without them (an old core, a user without admin rights) states still work.
            registry = failure == null ? Registry.of(areas.join(), devices.join(), entries.join()) : Registry.EMPTY;
            if (failure != null) {
                LOG.warn("Home Assistant's registries could not be read; names come from the states alone: {}", failure.getMessage());
            }
            return null;
        });
    }

    /** A connection that was up has ended: only the live one of the current start leads to connecting again. */
    private void lost(int started, HomeAssistantException why) {
        if (stopped || generation.get() != started || live == null) {
            return;
        }
        live = null;
        report(Status.DOWN, why.getMessage());
        LOG.info("Home Assistant connection lost: {}", why.getMessage());
        // A pause before connecting again, so a server that accepts and then drops is not hammered.
        scheduler.schedule(() -> {
            if (!stopped && generation.get() == started) {
                start();
            }
        }, RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the live connection for a pong: a network lost without a goodbye leaves a socket open but silent, and its
     * states would look fresh for ever. No answer in time ends it, and connecting again follows.
     */
    private void ping(HomeAssistantConnection opened) {
        opened.command("ping", opened.fields()).whenComplete((pong, failure) -> {
            if (failure != null && live == opened) {
                opened.giveUp("Home Assistant stopped answering (no reply to a ping); Jarvis is connecting again.");
            }
        });
    }

    private void stateChanged(JsonNode event) {
        JsonNode data = event.path("data");
        String entityId = data.path("entity_id").asText();
        JsonNode state = data.path("new_state");
        if (state.isNull() || state.isMissingNode()) {
            if (entities.remove(entityId) != null) {
                listeners.forEach(listener -> listener.removed(entityId));
            }
            return;
        }
        Entity entity = entity(state);
        entities.put(entityId, entity);
        listeners.forEach(listener -> listener.changed(entity));
    }

    private Entity entity(JsonNode state) {
        String entityId = state.path("entity_id").asText();
        Map<String, Object> attributes = json.convertValue(state.path("attributes"), ATTRIBUTES);
        Registry.Names names = registry.names(entityId, attributes);
        return new Entity(entityId, names.name(), names.aliases(), names.area(), state.path("state").asText(),
                attributes == null ? Map.of() : attributes, instant(state.path("last_changed").asText(null)));
    }

    private Instant instant(String text) {
        try {
            return text == null ? clock.instant() : OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    /**
     * Calls a service on the given entities, such as {@code light.turn_on} with {@code brightness_pct}. Fails at once,
     * with the reason, when Home Assistant is not connected.
     */
    public CompletableFuture<JsonNode> callService(String domain, String service, Map<String, Object> data, List<String> entityIds) {
        HomeAssistantConnection open = live;
        if (open == null) {
            Connection now = connection;
            return CompletableFuture.failedFuture(new HomeAssistantException(now.status() == Status.TOKEN_REFUSED
                    ? HomeAssistantException.Kind.TOKEN_REFUSED : HomeAssistantException.Kind.UNREACHABLE,
                    "Home Assistant is not connected: " + now.detail()));
        }
        ObjectNode fields = open.fields().put("domain", domain).put("service", service);
        fields.set("service_data", json.valueToTree(data));
        ObjectNode targets = fields.putObject("target");
        entityIds.forEach(targets.putArray("entity_id")::add);
        return open.command("call_service", fields);
    }

    /** Every entity as last known (stale while {@link #connection()} is not connected). */
    public Collection<Entity> entities() {
        return List.copyOf(entities.values());
    }

    public Optional<Entity> entity(String entityId) {
        return Optional.ofNullable(entities.get(entityId));
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Waits up to {@code patience} for the first outcome of connecting (connected, refused, down, not set up) and
     * returns how the connection stands then; for the command line, which has one question to answer.
     */
    public Connection awaitConnection(Duration patience) throws InterruptedException {
        CompletableFuture<Connection> settled = new CompletableFuture<>();
        Listener watcher = new Listener() {
            @Override
            public void changed(Entity entity) {}

            @Override
            public void connection(Connection now) {
                if (now.status() != Status.CONNECTING) {
                    settled.complete(now);
                }
            }
        };
        addListener(watcher);
        try {
            if (connection.status() != Status.CONNECTING) {
                return connection;
            }
            return settled.get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return connection;
        } finally {
            removeListener(watcher);
        }
    }

    private void report(Status status, String detail) {
        Connection now = new Connection(status, detail, clock.instant());
        connection = now;
        listeners.forEach(listener -> listener.connection(now));
    }

    @Override
    public synchronized void close() {
        stopped = true;
        generation.incrementAndGet();
        stopConnecting();
    }

    /** What the registries say of entities: names, aliases, areas (an entity's own area, else its device's). */
    private record Registry(Map<String, String> areaNames, Map<String, String> deviceAreas, Map<String, JsonNode> entries) {

        static final Registry EMPTY = new Registry(Map.of(), Map.of(), Map.of());

        record Names(String name, List<String> aliases, String area) {}

        static Registry of(JsonNode areas, JsonNode devices, JsonNode entries) {
            Map<String, String> areaNames = new HashMap<>();
            areas.forEach(area -> areaNames.put(area.path("area_id").asText(), area.path("name").asText()));
            Map<String, String> deviceAreas = new HashMap<>();
            devices.forEach(device -> {
                if (device.hasNonNull("area_id")) {
                    deviceAreas.put(device.path("id").asText(), device.path("area_id").asText());
                }
            });
            Map<String, JsonNode> byEntity = new HashMap<>();
            entries.forEach(entry -> byEntity.put(entry.path("entity_id").asText(), entry));
            return new Registry(areaNames, deviceAreas, byEntity);
        }

        Names names(String entityId, Map<String, Object> attributes) {
            JsonNode entry = entries.get(entityId);
            Object friendly = attributes == null ? null : attributes.get("friendly_name");
            String name = entry != null && entry.hasNonNull("name") ? entry.path("name").asText()
                    : friendly != null ? friendly.toString() : entityId;
            List<String> aliases = new ArrayList<>();
            if (entry != null) {
                entry.path("aliases").forEach(alias -> aliases.add(alias.asText()));
            }
            String areaId = entry == null ? null : entry.hasNonNull("area_id") ? entry.path("area_id").asText()
                    : deviceAreas.get(entry.path("device_id").asText());
            return new Names(name, aliases, areaId == null ? null : areaNames.getOrDefault(areaId, areaId));
        }
    }
}
