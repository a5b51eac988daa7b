package jarvis.devices.mqtt;

import jarvis.devices.home.Connection.Status;
import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.SourceNews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
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
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
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
    /** MQTT 5 reason codes for a login the broker refuses: bad user name or password, not authorised. */
    private static final Set<Integer> REFUSED_CODES = Set.of(134, 135, 4, 5);

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
    private volatile MqttAsyncClient client;
    private volatile Target current;
    private volatile boolean stopped;
    private volatile long lastMessage;
    /** Guards discovery's maps apart from the lifecycle's lock: closing waits for Paho's thread, which may be in discovery. */
    private final Object discoveryLock = new Object();
    /** Where messages wait to be read, off Paho's thread: each with the connection it came on. */
    private final Inbox<Inbound> inbox = new Inbox<>("jarvis-mqtt-inbox", this::read);

    /** A message and the connection it came on (a message of an earlier start is dropped). */
    private record Inbound(MqttAsyncClient client, Target where, int started, String text) {}

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
        MqttAsyncClient made;
        MqttConnectionOptions options;
        try {
            made = new MqttAsyncClient(pahoAddress(where.url()), "jarvis-" + Long.toHexString(ThreadLocalRandom.current().nextLong()), new MemoryPersistence());
            options = options(where);
        } catch (MqttException | IllegalArgumentException e) {
            news.report(Status.DOWN, "The MQTT address " + where.url() + " cannot be used: " + e.getMessage()
                    + ". Use tcp://host:1883 or ssl://host:8883 in mqtt.url.");
            return;
        } catch (IOException | GeneralSecurityException e) {
            news.report(Status.DOWN, "The CA certificate in mqtt.caFile cannot be read: " + e.getMessage() + ".");
            return;
        }
        made.setCallback(new Callback(started, made, where));
        try {
            made.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete follows, on the client's thread, and subscribes.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    closeQuietly(made);
                    if (refused(failure)) {
                        news.report(Status.REFUSED, "The MQTT broker at " + where.url() + " refused the login: check mqtt.username and the "
                                + "mqtt.password secret.");
                        return;
                    }
                    news.report(Status.DOWN, "The MQTT broker at " + where.url() + " cannot be reached (" + reason(failure) + "); Jarvis keeps trying.");
                    again(started, where, pause);
                }
            });
        } catch (MqttException e) {
            closeQuietly(made);
            news.report(Status.DOWN, "The MQTT broker at " + where.url() + " cannot be reached (" + reason(e) + "); Jarvis keeps trying.");
            again(started, where, pause);
        }
    }

    /** Tries again after {@code pause}, a quarter of it jittered, each pause twice the last up to two seconds. */
    private void again(int started, Target where, Duration pause) {
        long jittered = (long) (pause.toMillis() * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        scheduler.schedule(() -> connect(started, where, next), jittered, TimeUnit.MILLISECONDS);
    }

    /** Paho's own schemes for the mqtt:// and mqtts:// that people also write. */
    private static String pahoAddress(String url) {
        return url.startsWith("mqtts://") ? "ssl://" + url.substring(8) : url.startsWith("mqtt://") ? "tcp://" + url.substring(7) : url;
    }

    private MqttConnectionOptions options(Target where) throws IOException, GeneralSecurityException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A clean start each time: subscribing again makes the broker send every retained config and state again.
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setKeepAliveInterval(30);
        if (!where.username().isBlank()) {
            options.setUserName(where.username());
        }
        if (!where.password().isEmpty()) {
            options.setPassword(where.password().getBytes(StandardCharsets.UTF_8));
        }
        if (where.caFile().isPresent()) {
            options.setSocketFactory(trusting(where.caFile().get()).getSocketFactory());
        }
        return options;
    }

    /** TLS that trusts the certificates in a PEM file (a private CA's), as well as nothing else. */
    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new GeneralSecurityException(caFile + " holds no certificate");
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static boolean refused(Throwable failure) {
        return failure instanceof MqttException mqtt && REFUSED_CODES.contains(mqtt.getReasonCode());
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    /** Subscribes to discovery and to every known entity's topics; the broker answers with what it retained. */
    private void subscribe(MqttAsyncClient on, Target where) throws MqttException {
        List<String> topics = new ArrayList<>(List.of(where.discoveryPrefix() + "/+/+/config", where.discoveryPrefix() + "/+/+/+/config"));
        topics.addAll(byTopic.keySet());
        subscribe(on, topics);
    }

    private static void subscribe(MqttAsyncClient on, Collection<String> topics) throws MqttException {
        if (!topics.isEmpty()) {
            on.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(topic -> 1).toArray());
        }
    }

    /**
     * Says "online" on Home Assistant's status topic, not retained and with no last will, as Home Assistant does when
     * it starts: Zigbee2MQTT, ESPHome and Tasmota answer by sending their configs and states again, so devices whose
     * state the broker does not keep are not shown as unknown.
     */
    private void announce(MqttAsyncClient on, Target where) {
        try {
            on.publish(where.discoveryPrefix() + "/status", "online".getBytes(StandardCharsets.UTF_8), 0, false);
        } catch (MqttException | RuntimeException e) {
            LOG.info("MQTT: could not say online on {}/status: {}", where.discoveryPrefix(), e.getMessage());
        }
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
            messageArrived(message.client(), message.where(), topic, message.text());
        }
    }

    private void messageArrived(MqttAsyncClient on, Target where, String topic, String text) {
        if (Discovery.isConfigTopic(where.discoveryPrefix(), topic)) {
            discovered(on, Discovery.read(where.discoveryPrefix(), topic, text));
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
    private void discovered(MqttAsyncClient on, Discovery.Read read) {
        synchronized (discoveryLock) {
            discoveredLocked(on, read);
        }
    }

    private void discoveredLocked(MqttAsyncClient on, Discovery.Read read) {
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
        try {
            subscribe(on, newTopics);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("MQTT: could not subscribe to {}: {}", newTopics, e.getMessage());
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
        MqttAsyncClient on = client;
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
            CompletableFuture<?>[] published = messages.stream().map(message -> publish(on, message)).toArray(CompletableFuture[]::new);
            sent.add(CompletableFuture.allOf(published).thenRun(() -> {
                if (entity.assumeDone(service, data, clock.instant())) {
                    Entity now = entity.entity(NAME);
                    news.changed(now);
                }
            }));
        });
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> publish(MqttAsyncClient on, MqttEntity.Publish message) {
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        try {
            on.publish(message.topic(), message.payload().getBytes(StandardCharsets.UTF_8), message.qos(), message.retained(), null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            delivered.complete(null);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            delivered.completeExceptionally(new IllegalStateException("The MQTT broker did not take the message to "
                                    + message.topic() + ": " + reason(failure)));
                        }
                    });
        } catch (MqttException | RuntimeException e) {
            delivered.completeExceptionally(new IllegalStateException("The MQTT broker did not take the message to " + message.topic()
                    + ": " + reason(e)));
        }
        return delivered.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        MqttAsyncClient old = client;
        client = null;
        if (old != null) {
            try {
                old.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // Closing anyway.
            }
            closeQuietly(old);
        }
    }

    private static void closeQuietly(MqttAsyncClient made) {
        try {
            made.close(true);
        } catch (MqttException ignored) {
            // Nothing more to release.
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        generation.incrementAndGet();
        disconnect();
        inbox.close();
    }

    /** The client's news: connected (subscribe), lost (connect again), a message (read it). */
    private final class Callback implements MqttCallback {

        private final int started;
        private final MqttAsyncClient made;
        private final Target where;

        Callback(int started, MqttAsyncClient made, Target where) {
            this.started = started;
            this.made = made;
            this.where = where;
        }

        private boolean current() {
            return !stopped && generation.get() == started;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!current()) {
                closeQuietly(made);
                return;
            }
            client = made;
            try {
                lastMessage = System.nanoTime();
                subscribe(made, where);
                announce(made, where);
                news.report(Status.CONNECTING, "Connected to " + where.url() + "; reading the devices' announcements…");
                awaitQuiet(System.nanoTime());
            } catch (MqttException | RuntimeException e) {
                news.report(Status.DOWN, "Connected to " + where.url() + " but could not subscribe (" + reason(e) + "); Jarvis connects again.");
                closeQuietly(made);
                again(started, where, FIRST_PAUSE);
            }
        }

        private void awaitQuiet(long since) {
            scheduler.schedule(() -> {
                if (!current() || client != made) {
                    return;
                }
                long now = System.nanoTime();
                if (now - lastMessage >= QUIET.toNanos() || now - since >= LONGEST_SYNC.toNanos()) {
                    news.report(Status.CONNECTED, "Connected to " + where.url() + ": " + byId.size() + " entities.");
                } else {
                    awaitQuiet(since);
                }
            }, QUIET.toMillis() / 3, TimeUnit.MILLISECONDS);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!current() || client != made) {
                return;
            }
            client = null;
            String why = response.getException() != null ? reason(response.getException())
                    : response.getReasonString() != null ? response.getReasonString() : "code " + response.getReturnCode();
            news.report(Status.DOWN, "Lost the MQTT broker at " + where.url() + " (" + why + "); connecting again.");
            LOG.info("MQTT connection lost: {}", why);
            closeQuietly(made);
            again(started, where, FIRST_PAUSE);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (current()) {
                lastMessage = System.nanoTime();
                inbox.put(topic, new Inbound(made, where, started, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", reason(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
