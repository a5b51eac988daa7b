package jarvis.devices.home;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every device source as one house: their entities together, a device seen through two sources shown once (the
 * earlier source in the list wins: Home Assistant, where the person named it and gave it an area, before the same
 * device's own MQTT discovery), and each service call sent to the source that owns the entity. Who shows a device is
 * worked out from what the sources know now; when it changes, watchers are told that one left and the other came.
 */
public final class Home implements AutoCloseable {

    private final List<DeviceSource> sources;
    private final List<DeviceSource.Listener> listeners = new CopyOnWriteArrayList<>();
    /**
     * The MQTT unique ids each source's entities carry now, by source index, both ways (entity id to unique id and
     * back), for telling shown from shadowed without a search on each of thousands of messages a second.
     */
    private final List<Map<String, String>> uniqueIdsBySource = new ArrayList<>();
    private final List<Map<String, String>> entitiesByUniqueId = new ArrayList<>();

    public Home(List<DeviceSource> sources) {
        this.sources = List.copyOf(sources);
        for (int index = 0; index < this.sources.size(); index++) {
            uniqueIdsBySource.add(new ConcurrentHashMap<>());
            entitiesByUniqueId.add(new ConcurrentHashMap<>());
            this.sources.get(index).addListener(new Forwarder(index));
        }
    }

    public List<DeviceSource> sources() {
        return sources;
    }

    public void start() {
        sources.forEach(DeviceSource::start);
    }

    public void addListener(DeviceSource.Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeviceSource.Listener listener) {
        listeners.remove(listener);
    }

    /** Every entity as last known, each device once; stale for a source that is not connected. */
    public Collection<Entity> entities() {
        Map<String, Entity> merged = new LinkedHashMap<>();
        Set<String> uniqueIdsSeen = new HashSet<>();
        for (DeviceSource source : sources) {
            Set<String> ofThisSource = new HashSet<>();
            for (Entity entity : source.entities()) {
                if (entity.mqttUniqueId() != null) {
                    if (uniqueIdsSeen.contains(entity.mqttUniqueId())) {
                        continue;
                    }
                    ofThisSource.add(entity.mqttUniqueId());
                }
                merged.putIfAbsent(entity.entityId(), entity);
            }
            uniqueIdsSeen.addAll(ofThisSource);
        }
        return List.copyOf(merged.values());
    }

    /** The entity shown under this id, looked up in each source's own index. */
    public Optional<Entity> entity(String entityId) {
        for (int index = 0; index < sources.size(); index++) {
            Optional<Entity> found = sources.get(index).entity(entityId);
            if (found.isPresent() && !shadowed(index, found.get())) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The same device as every source sees it (by its MQTT unique id), the entity itself included: a device marked
     * hazardous under one id is hazardous under all of them.
     */
    public List<Entity> sameDevice(Entity entity) {
        if (entity.mqttUniqueId() == null) {
            return List.of(entity);
        }
        List<Entity> all = new ArrayList<>();
        for (DeviceSource source : sources) {
            source.entities().stream().filter(other -> entity.mqttUniqueId().equals(other.mqttUniqueId())).forEach(all::add);
        }
        return all.isEmpty() ? List.of(entity) : all;
    }

    /** Where a camera entity's picture can be fetched, from the source that owns it. */
    public Optional<URI> picture(Entity entity) {
        return sources.stream().filter(source -> source.name().equals(entity.source())).findFirst().flatMap(source -> source.picture(entity));
    }

    /** Whether the entity's source is connected, so its state is current. */
    public boolean current(Entity entity) {
        return connection(entity.source()).map(Connection::connected).orElse(true);
    }

    /** How each source's connection stands, by source name, in the sources' order. */
    public Map<String, Connection> connections() {
        Map<String, Connection> all = new LinkedHashMap<>();
        sources.forEach(source -> all.put(source.name(), source.connection()));
        return all;
    }

    public Optional<Connection> connection(String source) {
        return sources.stream().filter(each -> each.name().equals(source)).findFirst().map(DeviceSource::connection);
    }

    /** The sources a person set up, that is every one whose connection is not {@code NOT_CONFIGURED}. */
    public List<DeviceSource> configured() {
        return sources.stream().filter(source -> source.connection().status() != Connection.Status.NOT_CONFIGURED).toList();
    }

    /**
     * Calls a service on entities of any source, each sent to the one that owns it; fails at once, naming it, when an
     * entity is not known, and with the source's reason when it is not connected.
     */
    public CompletableFuture<?> callService(String domain, String service, Map<String, Object> data, List<String> entityIds) {
        Map<DeviceSource, List<String>> bySource = new LinkedHashMap<>();
        for (String entityId : entityIds) {
            Optional<Entity> entity = entity(entityId);
            if (entity.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("No device is called " + entityId
                        + "; './jarvis devices' lists them."));
            }
            DeviceSource owner = sources.stream().filter(source -> source.name().equals(entity.get().source())).findFirst().orElseThrow();
            bySource.computeIfAbsent(owner, source -> new ArrayList<>()).add(entityId);
        }
        return CompletableFuture.allOf(bySource.entrySet().stream()
                .map(entry -> entry.getKey().callService(domain, service, data, entry.getValue()))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Waits up to {@code patience} for each source's first outcome of connecting, for the command line, which has one
     * question to answer; returns the connections then, by source name.
     */
    public Map<String, Connection> awaitSettled(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Connection> settled = new LinkedHashMap<>();
        for (DeviceSource source : sources) {
            settled.put(source.name(), source.awaitConnection(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        return settled;
    }

    /** An entity that an earlier source has now, by its MQTT unique id, is that source's to show. */
    private boolean shadowed(int index, Entity entity) {
        if (entity.mqttUniqueId() == null) {
            return false;
        }
        for (int earlier = 0; earlier < index; earlier++) {
            if (entitiesByUniqueId.get(earlier).containsKey(entity.mqttUniqueId())) {
                return true;
            }
        }
        return false;
    }

    /** The entity with this MQTT unique id that a later source than {@code index} has, if any: the twin an earlier source hides. */
    private Optional<Entity> laterTwin(int index, String uniqueId) {
        for (int later = index + 1; later < sources.size(); later++) {
            Optional<Entity> twin = sources.get(later).entities().stream().filter(other -> uniqueId.equals(other.mqttUniqueId())).findFirst();
            if (twin.isPresent()) {
                return twin;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        sources.forEach(DeviceSource::close);
    }

    /**
     * Passes a source's news on, leaving out what an earlier source shows; when an earlier source takes a device
     * over (or lets it go), watchers are told that the twin left (or came back).
     */
    private final class Forwarder implements DeviceSource.Listener {

        private final int index;

        Forwarder(int index) {
            this.index = index;
        }

        @Override
        public void changed(Entity entity) {
            Map<String, String> mine = uniqueIdsBySource.get(index);
            String before = entity.mqttUniqueId() == null ? mine.remove(entity.entityId()) : mine.put(entity.entityId(), entity.mqttUniqueId());
            if (before != null && !before.equals(entity.mqttUniqueId())) {
                entitiesByUniqueId.get(index).remove(before, entity.entityId());
            }
            if (entity.mqttUniqueId() != null && !entity.mqttUniqueId().equals(before)) {
                entitiesByUniqueId.get(index).put(entity.mqttUniqueId(), entity.entityId());
                laterTwin(index, entity.mqttUniqueId()).filter(twin -> !twin.entityId().equals(entity.entityId()))
                        .ifPresent(twin -> listeners.forEach(listener -> listener.removed(twin.entityId())));
            }
            if (shadowed(index, entity)) {
                return;
            }
            listeners.forEach(listener -> listener.changed(entity));
        }

        @Override
        public void removed(String entityId) {
            String uniqueId = uniqueIdsBySource.get(index).remove(entityId);
            listeners.forEach(listener -> listener.removed(entityId));
            if (uniqueId != null) {
                entitiesByUniqueId.get(index).remove(uniqueId, entityId);
                laterTwin(index, uniqueId).ifPresent(twin -> listeners.forEach(listener -> listener.changed(twin)));
            }
        }

        @Override
        public void connection(Connection connection) {
            listeners.forEach(listener -> listener.connection(connection));
        }
    }
}
