package jarvis.devices.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import jarvis.devices.mqtt.MqttDevices.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to an MQTT broker, through the HiveMQ client (MQTT 5, over TCP or TLS): connects once, with no
 * reconnecting of its own (its owner decides when to try again), and hands every message to {@link Events#message}
 * on the client's network thread, with no queue or lock between: a flood of states costs one thread's reading, not
 * two threads passing each message across.
 */
final class Broker {

    /** What happens to the connection; each is called at most once per connection, except {@link #message}. */
    interface Events {
        /** The broker took the login; subscribe now. */
        void connected(Broker broker);

        /** The broker refused the login. */
        void refused(String why);

        /** The broker could not be reached or did not answer. */
        void unreachable(String why);

        /** An established connection ended without being asked to. */
        void lost(Broker broker, String why);

        /** A message, on the client's network thread: take it and return. */
        void message(String topic, String text);
    }

    /** Settings that cannot make a connection (the address, the CA file without TLS, a login the protocol cannot carry). */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final Set<Mqtt5ConnAckReasonCode> REFUSED = Set.of(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
            Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD);
    private static final int KEEP_ALIVE_SECONDS = 30;

    private final Mqtt5AsyncClient client;
    private final Duration timeout;
    /** Set once the owner was told of the connection: only then is its end "lost" rather than "unreachable". */
    private final AtomicBoolean told = new AtomicBoolean();
    /** Set once this side closes it: the end that follows is nobody's news. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean reportedLost = new AtomicBoolean();

    private Broker(Mqtt5AsyncClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Starts connecting to {@code where}; the outcome comes to {@code events}.
     *
     * @throws Unusable when the settings cannot make a connection, whatever the broker
     * @throws IOException when the CA file cannot be read
     * @throws GeneralSecurityException when the CA file holds no usable certificate
     */
    static Broker connect(Target where, Duration timeout, Events events) throws Unusable, IOException, GeneralSecurityException {
        Address address = Address.parse(where.url());
        if (where.caFile().isPresent() && !address.tls()) {
            throw new Unusable("mqtt.caFile is set but " + where.url() + " is not TLS, so the password would travel in clear; use "
                    + "ssl://host:8883 (or mqtts://) in mqtt.url");
        }
        long millis = Math.max(1, timeout.toMillis());
        var transport = MqttClientTransportConfig.builder()
                .serverHost(address.host())
                .serverPort(address.port())
                .socketConnectTimeout(millis, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(millis, TimeUnit.MILLISECONDS);
        if (address.tls()) {
            transport = where.caFile().isPresent()
                    ? transport.sslConfig(MqttClientSslConfig.builder().trustManagerFactory(trusting(where.caFile().get()))
                            .handshakeTimeout(millis, TimeUnit.MILLISECONDS).build())
                    : transport.sslWithDefaultConfig();
        }
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier("jarvis-" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
                .transportConfig(transport.build())
                .executorConfig().nettyExecutor(NetworkThreads.EXECUTOR).nettyThreads(1).applyExecutorConfig();
        Broker[] made = new Broker[1];
        builder = builder.addDisconnectedListener(context -> made[0].ended(context.getSource(), context.getCause(), events));
        made[0] = new Broker(builder.buildAsync(), timeout);
        try {
            made[0].start(where, events);
        } catch (IllegalArgumentException e) {
            throw new Unusable("the MQTT login cannot be sent (" + e.getMessage() + "); check mqtt.username and the mqtt.password secret");
        }
        return made[0];
    }

    private void start(Target where, Events events) {
        var connect = client.connectWith()
                // A clean start each time: subscribing again makes the broker send every retained config and state again.
                .cleanStart(true)
                .keepAlive(KEEP_ALIVE_SECONDS);
        byte[] password = where.password().getBytes(StandardCharsets.UTF_8);
        if (!where.username().isBlank()) {
            var named = Mqtt5SimpleAuth.builder().username(where.username());
            connect = connect.simpleAuth(password.length == 0 ? named.build() : named.password(password).build());
        } else if (password.length > 0) {
            connect = connect.simpleAuth(Mqtt5SimpleAuth.builder().password(password).build());
        }
        connect.send().whenComplete((ack, failure) -> {
            if (closing.get()) {
                if (failure == null) {
                    // Closed while connecting: the client cannot cancel an attempt, so the connection it made ends here.
                    client.disconnect();
                }
                return;
            }
            if (failure == null) {
                // Every message, whichever subscription brought it, straight to the owner on the network thread. Taken
                // only now (a connection that failed would hold the network threads), before any subscription is sent.
                client.publishes(MqttGlobalPublishFilter.ALL, publish -> events.message(publish.getTopic().toString(),
                        new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)), Runnable::run);
                events.connected(this);
                told.set(true);
                if (!client.getState().isConnected()) {
                    // Ended while the owner was being told: the listener left it to this check.
                    lostOnce(events, "the connection closed as it opened");
                }
            } else if (refused(failure)) {
                events.refused(reason(failure));
            } else {
                events.unreachable(reason(failure));
            }
        });
    }

    private void ended(MqttDisconnectSource source, Throwable cause, Events events) {
        if (closing.get() || source == MqttDisconnectSource.USER || !told.get()) {
            return;
        }
        lostOnce(events, reason(cause));
    }

    private void lostOnce(Events events, String why) {
        if (reportedLost.compareAndSet(false, true) && !closing.get()) {
            events.lost(this, why);
        }
    }

    /**
     * Subscribes to {@code topics} at QoS 1; completes with the topics the broker refused (its access list), each
     * named in the log. A topic that is not a valid filter is left out, with the reason in the log.
     */
    CompletableFuture<Set<String>> subscribe(Collection<String> topics) {
        List<Mqtt5Subscription> subscriptions = new ArrayList<>();
        for (String topic : topics) {
            try {
                subscriptions.add(Mqtt5Subscription.builder().topicFilter(MqttTopicFilter.of(topic)).qos(MqttQos.AT_LEAST_ONCE).build());
            } catch (IllegalArgumentException e) {
                LOG.warn("MQTT: {} cannot be subscribed to: {}", topic, e.getMessage());
            }
        }
        if (subscriptions.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        // The client fails the whole call when the broker refuses any one topic; the others are subscribed all the same.
        return client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subscriptions).build())
                .handle((ack, failure) -> {
                    if (failure == null) {
                        return ack.getReasonCodes();
                    }
                    Optional<Mqtt5SubAckException> refusal = inChain(failure, Mqtt5SubAckException.class);
                    if (refusal.isPresent()) {
                        return refusal.get().getMqttMessage().getReasonCodes();
                    }
                    throw failure instanceof CompletionException done ? done : new CompletionException(failure);
                })
                .thenApply(codes -> {
                    Set<String> refused = new LinkedHashSet<>();
                    for (int i = 0; i < codes.size() && i < subscriptions.size(); i++) {
                        if (codes.get(i).isError()) {
                            String topic = subscriptions.get(i).getTopicFilter().toString();
                            refused.add(topic);
                            LOG.warn("MQTT: the broker refused the subscription to {} ({}): check its access list", topic, codes.get(i));
                        }
                    }
                    return (Set<String>) refused;
                })
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one message; completes when the broker has it (at QoS 1 and 2) or it is written (at QoS 0). */
    CompletableFuture<Void> publish(String topic, String payload, int qos, boolean retained) {
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        try {
            client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8))
                    .qos(qos == 2 ? MqttQos.EXACTLY_ONCE : qos == 1 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE)
                    .retain(retained)
                    .send()
                    .whenComplete((result, failure) -> {
                        Throwable error = failure != null ? failure : result.getError().orElse(null);
                        if (error == null) {
                            delivered.complete(null);
                        } else {
                            delivered.completeExceptionally(new IllegalStateException("The MQTT broker did not take the message to "
                                    + topic + ": " + reason(error)));
                        }
                    });
        } catch (IllegalArgumentException e) {
            delivered.completeExceptionally(new IllegalStateException("The MQTT topic " + topic + " cannot be published to: " + e.getMessage()));
        }
        return delivered.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the connection; nothing more is reported (an attempt still connecting is closed by its answer). */
    void close() {
        if (closing.compareAndSet(false, true)) {
            client.disconnect().exceptionally(failure -> {
                // Not connected (yet, or any more): nothing to close.
                return null;
            });
        }
    }

    private static boolean refused(Throwable failure) {
        return inChain(failure, Mqtt5ConnAckException.class).filter(refusal -> REFUSED.contains(refusal.getMqttMessage().getReasonCode())).isPresent();
    }

    private static <T extends Throwable> Optional<T> inChain(Throwable failure, Class<T> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return Optional.of(kind.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The innermost cause's message: "Connection refused", "no route to host", the broker's reason code. */
    static String reason(Throwable failure) {
        Optional<Mqtt5ConnAckException> answer = inChain(failure, Mqtt5ConnAckException.class);
        if (answer.isPresent()) {
            return "the broker answered " + answer.get().getMqttMessage().getReasonCode();
        }
        Optional<Mqtt5DisconnectException> disconnect = inChain(failure, Mqtt5DisconnectException.class);
        if (disconnect.isPresent()) {
            return "the broker disconnected Jarvis: " + disconnect.get().getMqttMessage().getReasonCode()
                    + disconnect.get().getMqttMessage().getReasonString().map(text -> ", " + text).orElse("");
        }
        Throwable cause = root(failure);
        String message = cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** TLS that trusts the certificates in a PEM file (a private CA's), as well as nothing else. */
    private static TrustManagerFactory trusting(Path caFile) throws IOException, GeneralSecurityException {
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
        return factory;
    }

    /** Where the broker is, from mqtt.url: tcp:// or mqtt:// (port 1883 unless given), ssl:// or mqtts:// (8883). */
    record Address(String host, int port, boolean tls) {

        static Address parse(String url) throws Unusable {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw unusable(url, "it is not an address (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean tls = switch (scheme) {
                case "tcp", "mqtt" -> false;
                case "ssl", "mqtts", "tls" -> true;
                default -> throw unusable(url, scheme.isEmpty() ? "it has no scheme" : scheme + ":// is not MQTT's");
            };
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw unusable(url, "it names no host");
            }
            return new Address(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883, tls);
        }

        private static Unusable unusable(String url, String why) {
            return new Unusable("the MQTT address " + url + " cannot be used: " + why + "; use tcp://host:1883 or ssl://host:8883 in mqtt.url");
        }
    }
}
