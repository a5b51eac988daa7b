package jarvis.orchestrator.events;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one typed event bus.
 *
 * <p>Delivery thread: every subscriber is called on the bus's delivery executor (virtual threads in the app),
 * never on the publisher's thread. Each subscriber has its own queue, so it sees events in the order they were
 * published and one slow subscriber holds up no other. A subscriber that throws is logged and stays subscribed.
 * The UI receives through its one bridge onto the FX thread, never directly.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Executor delivery;
    private final List<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(Executor delivery) {
        this.delivery = delivery;
    }

    public <E extends Event> Subscription subscribe(Class<E> type, Consumer<? super E> handler) {
        Subscriber<E> subscriber = new Subscriber<>(type, handler);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(Event event) {
        for (Subscriber<?> subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    private final class Subscriber<E extends Event> {
        private final Class<E> type;
        private final Consumer<? super E> handler;
        private final Queue<E> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        Subscriber(Class<E> type, Consumer<? super E> handler) {
            this.type = type;
            this.handler = handler;
        }

        void offer(Event event) {
            if (type.isInstance(event)) {
                queue.add(type.cast(event));
                schedule();
            }
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    delivery.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // The app is stopping: events published now have nobody left to reach.
                    queue.clear();
                }
            }
        }

        private void drain() {
            try {
                for (E event; (event = queue.poll()) != null; ) {
                    deliver(event);
                }
            } finally {
                draining.set(false);
                if (!queue.isEmpty()) {
                    schedule();
                }
            }
        }

        private void deliver(E event) {
            event.correlationId().run(() -> {
                try {
                    handler.accept(event);
                } catch (RuntimeException e) {
                    LOG.error("A subscriber to {} failed on '{}'", type.getSimpleName(), event.summary(), e);
                }
            });
        }
    }
}
