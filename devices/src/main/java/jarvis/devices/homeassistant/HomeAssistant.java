package jarvis.devices.homeassistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import jarvis.devices.home.Connection.Status;
import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.SourceNews;
import java.net.URI;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
public final class HomeAssistant implements DeviceSource {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistant.class);
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

    /** Where Home Assistant is and the token to use; empty when either is not set. */
    public record Target(String address, String token) {}

    /** The name of this source, in the status bar and in each of its entities. */
    public static final String NAME = "Home Assistant";

    private final HttpClient http;
    private final Supplier<Optional<Target>> target;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entity> entities = new ConcurrentHashMap<>();
    private final SourceNews news;
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
        this.news = new SourceNews(clock, new Connection(Status.NOT_CONFIGURED, "Home Assistant is not set up (homeassistant.url and the "
                + "homeassistant.token secret).", clock.instant()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void addListener(Listener listener) {
        news.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        news.remove(listener);
    }

    /** Connects, and keeps connecting after every loss, until {@link #close()}; again from the start after a settings change. */
    @Override
    public synchronized void start() {
        stopped = false;
        int started = generation.incrementAndGet();
        stopConnecting();
        Optional<Target> where = target.get();
        if (where.isEmpty()) {
            news.report(Status.NOT_CONFIGURED, "Home Assistant is not set up: set homeassistant.url and the homeassistant.token secret.");
            return;
        }
        news.report(Status.CONNECTING, "Connecting to " + where.get().address() + "…");
        RetryPolicy<HomeAssistantConnection> retries = RetryPolicy.<HomeAssistantConnection>builder()
                .handleIf(failure -> !(failure instanceof HomeAssistantException known && known.kind() == HomeAssistantException.Kind.TOKEN_REFUSED))
                .withMaxRetries(-1)
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(30))
                .withJitter(0.25)
                .onRetry(event -> news.report(Status.DOWN, event.getLastException().getMessage()))
                .build();
        connecting = Failsafe.with(retries).with(scheduler)
                .getStageAsync(() -> HomeAssistantConnection.open(http, where.get().address(), where.get().token(), timeout,
                                why -> lost(started, why))
                        .thenCompose(opened -> load(opened, started)));
        connecting.whenComplete((opened, failure) -> {
            if (failure != null && !stopped && generation.get() == started) {
                Throwable cause = failure.getCause() != null && !(failure instanceof HomeAssistantException) ? failure.getCause() : failure;
                boolean refused = cause instanceof HomeAssistantException known && known.kind() == HomeAssistantException.Kind.TOKEN_REFUSED;
                news.report(refused ? Status.REFUSED : Status.DOWN, cause.getMessage());
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
                .thenCompose(subscribed -> CompletableFuture.allOf(
                        opened.subscribe("area_registry_updated", event -> registriesChanged(opened, started)),
                        opened.subscribe("device_registry_updated", event -> registriesChanged(opened, started)),
                        opened.subscribe("entity_registry_updated", event -> registriesChanged(opened, started))))
                .thenCompose(subscribed -> registries(opened))
                .thenCompose(read -> opened.command("get_states", opened.fields()))
                .thenApply(states -> {
                    if (stopped || generation.get() != started) {
                        throw new CancellationException("Home Assistant was started again meanwhile");
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
                    news.report(Status.CONNECTED, "Connected: " + fresh.size() + " entities.");
                    gone.forEach(id -> news.removed(id));
                    fresh.values().forEach(entity -> news.changed(entity));
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
            registry = failure == null ? Registry.of(areas.join(), devices.join(), entries.join(), Map.of()) : Registry.EMPTY;
            if (failure != null) {
                LOG.warn("Home Assistant's registries could not be read; names come from the states alone: {}", failure.getMessage());
            }
            return failure == null;
        }).thenCompose(read -> read ? aliases(opened, areas.join(), devices.join(), entries.join()) : CompletableFuture.completedFuture(null));
    }

    /**
     * The aliases a person gave entities (for "the reading lamp"): the registry's list leaves them out, its full
     * entries have them. An older core without {@code get_entries} keeps the names alone.
     */
    private CompletableFuture<Void> aliases(HomeAssistantConnection opened, JsonNode areas, JsonNode devices, JsonNode entries) {
        ObjectNode fields = opened.fields();
        ArrayNode ids = fields.putArray("entity_ids");
        entries.forEach(entry -> ids.add(entry.path("entity_id").asText()));
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return opened.command("config/entity_registry/get_entries", fields).handle((full, failure) -> {
            if (failure == null && full.isObject()) {
                Map<String, List<String>> aliases = new HashMap<>();
                full.properties().forEach(entry -> {
                    List<String> given = new ArrayList<>();
                    entry.getValue().path("aliases").forEach(alias -> {
                        if (alias.isTextual()) {
                            given.add(alias.asText());
                        }
                    });
                    aliases.put(entry.getKey(), given);
                });
                registry = Registry.of(areas, devices, entries, aliases);
            } else {
                LOG.info("Home Assistant's entity aliases could not be read; names are used alone: {}",
                        failure == null ? "unexpected answer" : failure.getMessage());
            }
            return null;
        });
    }

    /**
     * A person renamed an area, moved a device or gave an entity an alias: the registries are read again and every
     * entity's name, area and aliases follow, with no reconnecting.
     */
    private void registriesChanged(HomeAssistantConnection opened, int started) {
        if (live != opened || generation.get() != started) {
            return;
        }
        registries(opened).thenRun(() -> {
            for (Entity known : List.copyOf(entities.values())) {
                Registry.Names names = registry.names(known.entityId(), known.attributes());
                Entity renamed = new Entity(known.entityId(), names.name(), names.aliases(), names.area(), known.state(), known.attributes(),
                        known.lastChanged(), NAME, names.mqttUniqueId());
                if (!renamed.equals(known) && entities.replace(known.entityId(), known, renamed)) {
                    news.changed(renamed);
                }
            }
        });
    }

    /** A connection that was up has ended: only the live one of the current start leads to connecting again. */
    private void lost(int started, HomeAssistantException why) {
        if (stopped || generation.get() != started || live == null) {
            return;
        }
        live = null;
        news.report(Status.DOWN, why.getMessage());
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
                news.removed(entityId);
            }
            return;
        }
        Entity entity = entity(state);
        entities.put(entityId, entity);
        news.changed(entity);
    }

    private Entity entity(JsonNode state) {
        String entityId = state.path("entity_id").asText();
        Map<String, Object> attributes = json.convertValue(state.path("attributes"), ATTRIBUTES);
        Registry.Names names = registry.names(entityId, attributes);
        return new Entity(entityId, names.name(), names.aliases(), names.area(), state.path("state").asText(),
                attributes == null ? Map.of() : attributes, instant(state.path("last_changed").asText(null)), NAME, names.mqttUniqueId());
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
    @Override
    public CompletableFuture<JsonNode> callService(String domain, String service, Map<String, Object> data, List<String> entityIds) {
        HomeAssistantConnection open = live;
        if (open == null) {
            Connection now = news.connection();
            return CompletableFuture.failedFuture(new HomeAssistantException(now.status() == Status.REFUSED
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
    @Override
    public Collection<Entity> entities() {
        return List.copyOf(entities.values());
    }

    /** A camera's {@code entity_picture} (the camera proxy with its rotating token), made absolute against Home Assistant's address. */
    @Override
    public Optional<URI> picture(Entity entity) {
        Object picture = entity.attributes().get("entity_picture");
        Optional<Target> where = target.get();
        if (!(picture instanceof String path) || path.isBlank() || where.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(where.get().address() + "/").resolve(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Entity> entity(String entityId) {
        return Optional.ofNullable(entities.get(entityId));
    }

    @Override
    public Connection connection() {
        return news.connection();
    }

    @Override
    public synchronized void close() {
        stopped = true;
        generation.incrementAndGet();
        stopConnecting();
    }

    /** What the registries say of entities: names, aliases, areas (an entity's own area, else its device's). */
    private record Registry(Map<String, String> areaNames, Map<String, String> deviceAreas, Map<String, JsonNode> entries,
                            Map<String, List<String>> aliases) {

        static final Registry EMPTY = new Registry(Map.of(), Map.of(), Map.of(), Map.of());

        /** {@code mqttUniqueId}: the entry's unique id when the MQTT integration made it (its discovery {@code unique_id}). */
        record Names(String name, List<String> aliases, String area, String mqttUniqueId) {}

        static Registry of(JsonNode areas, JsonNode devices, JsonNode entries, Map<String, List<String>> aliases) {
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
            return new Registry(areaNames, deviceAreas, byEntity, aliases);
        }

        Names names(String entityId, Map<String, Object> attributes) {
            JsonNode entry = entries.get(entityId);
            Object friendly = attributes == null ? null : attributes.get("friendly_name");
            String name = entry != null && entry.hasNonNull("name") ? entry.path("name").asText()
                    : friendly != null ? friendly.toString() : entityId;
            List<String> aliases = this.aliases.getOrDefault(entityId, List.of());
            String areaId = entry == null ? null : entry.hasNonNull("area_id") ? entry.path("area_id").asText()
                    : deviceAreas.get(entry.path("device_id").asText());
            String mqttUniqueId = entry != null && "mqtt".equals(entry.path("platform").asText()) && entry.hasNonNull("unique_id")
                    ? entry.path("unique_id").asText() : null;
            return new Names(name, aliases, areaId == null ? null : areaNames.getOrDefault(areaId, areaId), mqttUniqueId);
        }
    }
}
