package jarvis.orchestrator.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Slow subscribers: each queue holds at most {@link #DEFAULT_CAPACITY} events (or the capacity given). When a
 * subscriber falls that far behind, the oldest waiting event is dropped for it alone, counted, and logged once per
 * run of drops; the publisher never waits and memory stays bounded. Events are notices of change (a setting, a
 * job, a health check) whose newest state is what matters, which is why the oldest goes first.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    public static final int DEFAULT_CAPACITY = 10_000;

    private final Executor delivery;
    private final int capacity;
    private final List<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(Executor delivery) {
        this(delivery, DEFAULT_CAPACITY);
    }

    public EventBus(Executor delivery, int capacity) {
        this.delivery = delivery;
        this.capacity = capacity;
    }

    /** Events dropped so far for subscribers that fell too far behind, across all of them. */
    public long dropped() {
        return subscribers.stream().mapToLong(subscriber -> subscriber.dropped.get()).sum() + droppedByGone.get();
    }

    private final AtomicLong droppedByGone = new AtomicLong();

    public <E extends Event> Subscription subscribe(Class<E> type, Consumer<? super E> handler) {
        Subscriber<E> subscriber = new Subscriber<>(type, handler);
        subscribers.add(subscriber);
        return () -> {
            if (subscribers.remove(subscriber)) {
                droppedByGone.addAndGet(subscriber.dropped.get());
            }
        };
    }

    public void publish(Event event) {
        for (Subscriber<?> subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    private final class Subscriber<E extends Event> {
        private final Class<E> type;
        private final Consumer<? super E> handler;
        private final Deque<E> queue = new ArrayDeque<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicLong dropped = new AtomicLong();
        private boolean dropping;

        Subscriber(Class<E> type, Consumer<? super E> handler) {
            this.type = type;
            this.handler = handler;
        }

        void offer(Event event) {
            if (!type.isInstance(event)) {
                return;
            }
            boolean firstDrop = false;
            synchronized (queue) {
                if (queue.size() >= capacity) {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                    firstDrop = !dropping;
                    dropping = true;
                }
                queue.addLast(type.cast(event));
            }
            if (firstDrop) {
                LOG.warn("A subscriber to {} is {} events behind; the oldest are dropped for it until it catches up",
                        type.getSimpleName(), capacity);
            }
            schedule();
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    delivery.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // The app is stopping: events published now have nobody left to reach.
                    synchronized (queue) {
                        queue.clear();
                    }
                }
            }
        }

        private void drain() {
            try {
                for (E event; (event = next()) != null; ) {
                    deliver(event);
                }
            } finally {
                draining.set(false);
                boolean more;
                synchronized (queue) {
                    more = !queue.isEmpty();
                }
                if (more) {
                    schedule();
                }
            }
        }

        private E next() {
            synchronized (queue) {
                E event = queue.pollFirst();
                if (event == null) {
                    dropping = false;
                }
                return event;
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
