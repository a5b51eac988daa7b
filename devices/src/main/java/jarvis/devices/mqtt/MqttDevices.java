package jarvis.devices.mqtt;

import jarvis.devices.home.Connection.Status;
import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.SourceNews;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices an MQTT broker knows through Home Assistant's discovery (Zigbee2MQTT, Tasmota, ESPHome and Home
 * Assistant's own MQTT entities), with no Home Assistant needed: reads their configs, follows their states and
 * availability, and turns service calls into the messages each device expects. A lost broker is connected again with
 * short, jittered pauses (it is on the local network); each new connection subscribes again, and the broker sends
 * every retained config and state again, so nothing is missed. A config that cannot be read is skipped, with the
 * reason in the log; the rest is kept.
 */
public final class MqttDevices implements DeviceSource {

    /** The name of this source, in the status bar and in each of its entities. */
    public static final String NAME = "MQTT";

    /** Where the broker is and how to log in; {@code caFile} trusts a broker whose certificate a private CA signed. */
    public record Target(String url, String username, String password, Optional<Path> caFile, String discoveryPrefix) {}

    private static final Logger LOG = LoggerFactory.getLogger(MqttDevices.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /**
     * After subscribing, the broker sends what it retained (configs, then the states they name) with no end marker: the
     * connection counts as made once it has been quiet this long, or after {@link #LONGEST_SYNC}, so a listing or a
     * dashboard shows the whole house, not the first few devices.
     */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LONGEST_SYNC = Duration.ofSeconds(5);

    private final Supplier<Optional<Target>> target;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration timeout;
    private final SourceNews news;
    /** Entities by discovery key (a topic, or a topic and a component id) and by entity id. */
    private final Map<String, MqttEntity> byKey = new ConcurrentHashMap<>();
    private final Map<String, MqttEntity> byId = new ConcurrentHashMap<>();
    /** Which entities listen to each state topic. */
    private final Map<String, Set<MqttEntity>> byTopic = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<Broker> client = new AtomicReference<>();
    private volatile Target current;
    private volatile boolean stopped;
    private volatile long lastMessage;
    /** Guards discovery's maps apart from the lifecycle's lock, so closing never waits on a message being read. */
    private final Object discoveryLock = new Object();
    /** Where messages wait to be read, off the client's network thread: each with the connection it came on. */
    private final Inbox<Inbound> inbox = new Inbox<>("jarvis-mqtt-inbox", this::read);

    /** A message and the connection it came on (a message of an earlier start is dropped). */
    private record Inbound(Target where, int started, String text) {}

    public MqttDevices(Supplier<Optional<Target>> target, ScheduledExecutorService scheduler, Clock clock, Duration timeout) {
        this.target = target;
        this.scheduler = scheduler;
        this.clock = clock;
        this.timeout = timeout;
        this.news = new SourceNews(clock, new Connection(Status.NOT_CONFIGURED, "MQTT is not set up (mqtt.url).", clock.instant()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() {
        stopped = false;
        int started = generation.incrementAndGet();
        disconnect();
        Optional<Target> where = target.get();
        if (where.isEmpty()) {
            news.report(Status.NOT_CONFIGURED, "MQTT is not set up: set mqtt.url (and mqtt.username with the mqtt.password secret if the broker asks).");
            return;
        }
        if (current != null && (!current.url().equals(where.get().url()) || !current.discoveryPrefix().equals(where.get().discoveryPrefix()))) {
            forgetEverything();
        }
        current = where.get();
        news.report(Status.CONNECTING, "Connecting to " + current.url() + "…");
        connect(started, current, FIRST_PAUSE);
    }

    private void connect(int started, Target where, Duration pause) {
        if (stopped || generation.get() != started) {
            return;
        }
        try {
            Broker.connect(where, timeout, new Link(started, where, pause));
        } catch (Broker.Unusable e) {
            news.report(Status.DOWN, "The MQTT settings cannot be used: " + e.getMessage() + ".");
        } catch (GeneralSecurityException e) {
            news.report(Status.DOWN, "The CA certificate in mqtt.caFile cannot be used: " + e.getMessage() + ".");
        } catch (IOException e) {
            news.report(Status.DOWN, "The CA certificate in mqtt.caFile cannot be read (" + e.getMessage() + "); Jarvis tries again.");
            again(started, where, LONGEST_PAUSE);
        } catch (RuntimeException e) {
            // Out of file handles, say: the loop must outlive it.
            news.report(Status.DOWN, "Could not start connecting to " + where.url() + " (" + Broker.reason(e) + "); Jarvis tries again.");
            again(started, where, LONGEST_PAUSE);
        }
    }

    /** Tries again after {@code pause}, a quarter of it jittered, each pause twice the last up to two seconds. */
    private void again(int started, Target where, Duration pause) {
        long jittered = (long) (pause.toMillis() * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        scheduler.schedule(() -> connect(started, where, next), jittered, TimeUnit.MILLISECONDS);
    }

    /** Subscribes to discovery and to every known entity's topics; the broker answers with what it retained. */
    private CompletableFuture<Set<String>> subscribe(Broker on, Target where) {
        List<String> topics = new ArrayList<>(List.of(where.discoveryPrefix() + "/+/+/config", where.discoveryPrefix() + "/+/+/+/config"));
        topics.addAll(byTopic.keySet());
        return on.subscribe(topics);
    }

    /**
     * Says "online" on Home Assistant's status topic, not retained and with no last will, as Home Assistant does when
     * it starts: Zigbee2MQTT, ESPHome and Tasmota answer by sending their configs and states again, so devices whose
     * state the broker does not keep are not shown as unknown.
     */
    private void announce(Broker on, Target where) {
        on.publish(where.discoveryPrefix() + "/status", "online", 0, false).exceptionally(failure -> {
            LOG.info("MQTT: could not say online on {}/status: {}", where.discoveryPrefix(), Broker.reason(failure));
            return null;
        });
    }

    /** The broker or the prefix changed: what the old one announced is gone. */
    private void forgetEverything() {
        synchronized (discoveryLock) {
            List<String> gone = List.copyOf(byId.keySet());
            byKey.clear();
            byId.clear();
            byTopic.clear();
            gone.forEach(entityId -> news.removed(entityId));
        }
    }

    private void read(String topic, Inbound message) {
        if (!stopped && generation.get() == message.started()) {
            messageArrived(message.where(), topic, message.text());
        }
    }

    private void messageArrived(Target where, String topic, String text) {
        if (Discovery.isConfigTopic(where.discoveryPrefix(), topic)) {
            discovered(Discovery.read(where.discoveryPrefix(), topic, text));
            return;
        }
        Set<MqttEntity> interested = byTopic.get(topic);
        if (interested == null) {
            return;
        }
        Payload payload = new Payload(text);
        for (MqttEntity entity : interested) {
            if (entity.receive(topic, payload, clock.instant())) {
                Entity now = entity.entity(NAME);
                news.changed(now);
            }
        }
    }

    /**
     * A config message: its entities made or remade, and subscribed to; those the topic no longer announces removed. A
     * config repeated unchanged (devices announce again when they or Home Assistant restart) keeps the entity and its state.
     */
    private void discovered(Discovery.Read read) {
        synchronized (discoveryLock) {
            discoveredLocked(read);
        }
    }

    private void discoveredLocked(Discovery.Read read) {
        read.problems().forEach(problem -> LOG.warn("MQTT discovery: {}", problem));
        Set<String> announced = new HashSet<>();
        List<String> newTopics = new ArrayList<>();
        for (Discovery.Config config : read.configs()) {
            MqttEntity previous = byKey.get(config.key());
            if (previous != null && previous.config().equals(config.settings())) {
                announced.add(config.key());
                continue;
            }
            MqttEntity made;
            try {
                String entityId = previous != null ? previous.entityId() : freeId(config);
                made = new MqttEntity(entityId, config.component(), config.settings(), clock.instant());
            } catch (IllegalArgumentException e) {
                LOG.warn("MQTT discovery: {} was skipped: {}", config.key(), e.getMessage());
                continue;
            }
            announced.add(config.key());
            forget(byKey.put(config.key(), made));
            byId.put(made.entityId(), made);
            for (String topic : made.topics()) {
                if (byTopic.computeIfAbsent(topic, key -> ConcurrentHashMap.newKeySet()).add(made) && byTopic.get(topic).size() == 1) {
                    newTopics.add(topic);
                }
            }
            Entity now = made.entity(NAME);
            news.changed(now);
        }
        // Only what could be read replaces an announcement: a config with an error leaves the earlier one standing.
        if (read.removal() || read.problems().isEmpty()) {
            byKey.keySet().stream().filter(key -> key.equals(read.topic()) || key.startsWith(read.topic() + "#"))
                    .filter(key -> !announced.contains(key)).toList()
                    .forEach(key -> {
                        MqttEntity gone = byKey.remove(key);
                        forget(gone);
                        news.removed(gone.entityId());
                    });
        }
        // On the connection open now, not the one the config came on: that one may have gone since, and the next
        // subscribes to every topic in byTopic only if it connected after the topic was put there.
        Broker on = client.get();
        if (!newTopics.isEmpty() && on != null) {
            on.subscribe(newTopics).exceptionally(failure -> {
                LOG.warn("MQTT: could not subscribe to {}: {}", newTopics, Broker.reason(failure));
                return Set.of();
            });
        }
    }

    private void forget(MqttEntity entity) {
        if (entity == null) {
            return;
        }
        byId.remove(entity.entityId(), entity);
        entity.topics().forEach(topic -> byTopic.computeIfPresent(topic, (key, set) -> {
            set.remove(entity);
            return set.isEmpty() ? null : set;
        }));
    }

    /**
     * Home Assistant's choice of entity id: the one asked for, else from the name; a name two devices share is told
     * apart by the device's unique id, so the same device gets the same id whatever order the configs arrive in.
     */
    private String freeId(Discovery.Config config) {
        String asked = config.settings().path("default_entity_id").asText("");
        String objectId = asked.contains(".") ? asked.substring(asked.indexOf('.') + 1)
                : config.settings().path("object_id").asText(slug(MqttEntity.friendlyName(config.component(), config.settings())));
        String base = config.component() + "." + (objectId.isEmpty() ? slug(config.settings().path("unique_id").asText("mqtt")) : objectId);
        if (!byId.containsKey(base)) {
            return base;
        }
        String unique = config.settings().path("unique_id").asText("");
        String id = unique.isEmpty() ? base : base + "_" + slug(unique);
        for (int n = 2; byId.containsKey(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private static String slug(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    @Override
    public CompletableFuture<Void> callService(String domain, String service, Map<String, Object> data, List<String> entityIds) {
        Broker on = client.get();
        if (on == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The MQTT broker is not connected: " + news.connection().detail()));
        }
        // Every message is worked out before any is sent: a call that cannot be made for one entity sends nothing.
        Map<MqttEntity, List<MqttEntity.Publish>> planned = new LinkedHashMap<>();
        for (String entityId : entityIds) {
            MqttEntity entity = byId.get(entityId);
            if (entity == null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("MQTT has no device " + entityId + "."));
            }
            try {
                planned.put(entity, entity.command(service, data));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("Cannot " + domain + "." + service + " " + entityId
                        + ": " + (e instanceof MqttEntity.CannotCommand ? e.getMessage() : "a value it needs is missing or not a number") + "."));
            }
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        planned.forEach((entity, messages) -> {
            CompletableFuture<?>[] published = messages.stream().map(message -> on.publish(message.topic(), message.payload(), message.qos(), message.retained())).toArray(CompletableFuture[]::new);
            sent.add(CompletableFuture.allOf(published).thenRun(() -> {
                if (entity.assumeDone(service, data, clock.instant())) {
                    Entity now = entity.entity(NAME);
                    news.changed(now);
                }
            }));
        });
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    @Override
    public Collection<Entity> entities() {
        return byId.values().stream().map(entity -> entity.entity(NAME)).toList();
    }

    @Override
    public Optional<Entity> entity(String entityId) {
        return Optional.ofNullable(byId.get(entityId)).map(entity -> entity.entity(NAME));
    }

    @Override
    public Connection connection() {
        return news.connection();
    }

    @Override
    public void addListener(Listener listener) {
        news.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        news.remove(listener);
    }

    private void disconnect() {
        Broker old = client.getAndSet(null);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        generation.incrementAndGet();
        disconnect();
        inbox.close();
    }

    /** One connection's news: connected (subscribe), refused, unreachable or lost (connect again), a message (read it). */
    private final class Link implements Broker.Events {

        private final int started;
        private final Target where;
        private final Duration pause;

        Link(int started, Target where, Duration pause) {
            this.started = started;
            this.where = where;
            this.pause = pause;
        }

        private boolean current() {
            return !stopped && generation.get() == started;
        }

        @Override
        public void connected(Broker made) {
            Broker before = current() ? client.getAndSet(made) : null;
            if (before != null) {
                before.close();
            }
            // Closed or started again meanwhile: whoever did so may have missed this connection.
            if (!current()) {
                client.compareAndSet(made, null);
                made.close();
                return;
            }
            lastMessage = System.nanoTime();
            subscribe(made, where).whenComplete((refused, failure) -> {
                if (failure != null) {
                    if (client.compareAndSet(made, null)) {
                        news.report(Status.DOWN, "Connected to " + where.url() + " but could not subscribe (" + Broker.reason(failure)
                                + "); Jarvis connects again.");
                        made.close();
                        again(started, where, pause);
                    }
                    return;
                }
                if (refused.stream().anyMatch(topic -> topic.startsWith(where.discoveryPrefix() + "/"))) {
                    if (client.compareAndSet(made, null)) {
                        news.report(Status.REFUSED, "The MQTT broker at " + where.url() + " does not let Jarvis read "
                                + where.discoveryPrefix() + "/#: allow it in the broker's access list for mqtt.username.");
                        made.close();
                    }
                    return;
                }
                announce(made, where);
                news.report(Status.CONNECTING, "Connected to " + where.url() + "; reading the devices' announcements…");
                awaitQuiet(made, System.nanoTime());
            });
        }

        private void awaitQuiet(Broker made, long since) {
            scheduler.schedule(() -> {
                if (!current() || client.get() != made) {
                    return;
                }
                long now = System.nanoTime();
                if (now - lastMessage >= QUIET.toNanos() || now - since >= LONGEST_SYNC.toNanos()) {
                    news.report(Status.CONNECTED, "Connected to " + where.url() + ": " + byId.size() + " entities.");
                } else {
                    awaitQuiet(made, since);
                }
            }, QUIET.toMillis() / 3, TimeUnit.MILLISECONDS);
        }

        @Override
        public void refused(String why) {
            if (current()) {
                news.report(Status.REFUSED, "The MQTT broker at " + where.url() + " refused the login (" + why + "): check mqtt.username "
                        + "and the mqtt.password secret.");
            }
        }

        @Override
        public void unreachable(String why) {
            if (current()) {
                news.report(Status.DOWN, "The MQTT broker at " + where.url() + " cannot be reached (" + why + "); Jarvis keeps trying.");
                again(started, where, pause);
            }
        }

        @Override
        public void lost(Broker was, String why) {
            if (!current() || !client.compareAndSet(was, null)) {
                return;
            }
            news.report(Status.DOWN, "Lost the MQTT broker at " + where.url() + " (" + why + "); connecting again.");
            LOG.info("MQTT connection lost: {}", why);
            was.close();
            again(started, where, FIRST_PAUSE);
        }

        @Override
        public void message(String topic, String text) {
            if (current()) {
                lastMessage = System.nanoTime();
                inbox.put(topic, new Inbound(where, started, text));
            }
        }
    }
}
