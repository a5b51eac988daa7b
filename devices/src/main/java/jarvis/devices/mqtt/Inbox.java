package jarvis.devices.mqtt;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages taken off the MQTT client's thread at once and read on a thread of Jarvis's own, topic by topic in the
 * order they first came, only the newest payload of a topic kept while it waits. The network thread never waits on
 * the reading (templates, discovery), a flood is read once per topic however many messages came while the last was
 * read, it costs memory for one payload per topic at most, and the last state of every topic is always read (a state
 * is as good as the one after it, and so is a retained config).
 */
final class Inbox<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final String CLOSED = "\u0000closed";

    private final Map<String, T> latest = new ConcurrentHashMap<>();
    private final BlockingQueue<String> order = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** {@code read} gets each topic and its newest message, on the inbox's own thread. */
    Inbox(String name, BiConsumer<String, T> read) {
        reader = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                while (true) {
                    String topic = order.take();
                    if (topic == CLOSED) {
                        return;
                    }
                    T message = latest.remove(topic);
                    if (message != null) {
                        try {
                            read.accept(topic, message);
                        } catch (RuntimeException e) {
                            LOG.warn("MQTT: a message on {} could not be read: {}", topic, e.toString());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Takes a message; returns at once. */
    void put(String topic, T message) {
        if (latest.put(topic, message) == null) {
            order.add(topic);
        }
    }

    @Override
    public void close() {
        order.add(CLOSED);
    }
}
