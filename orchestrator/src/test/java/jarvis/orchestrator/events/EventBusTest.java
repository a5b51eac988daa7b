package jarvis.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {

    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        delivery.shutdownNow();
    }

    @Test
    void deliversOnTheDeliveryExecutorNotThePublishersThread() {
        EventBus bus = new EventBus(delivery);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        bus.subscribe(Notice.class, notice -> threads.add(Thread.currentThread()));
        bus.publish(Notice.info("test", "hello"));
        await().until(() -> threads.size() == 1);
        assertThat(threads.getFirst()).isNotSameAs(Thread.currentThread());
        assertThat(threads.getFirst().isVirtual()).isTrue();
    }

    @Test
    void eachSubscriberSeesEventsInPublicationOrder() {
        EventBus bus = new EventBus(delivery);
        List<String> seen = new CopyOnWriteArrayList<>();
        bus.subscribe(Notice.class, notice -> seen.add(notice.summary()));
        for (int i = 0; i < 500; i++) {
            bus.publish(Notice.info("test", Integer.toString(i)));
        }
        await().until(() -> seen.size() == 500);
        assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 500).mapToObj(Integer::toString).toList());
    }

    @Test
    void aFailingSubscriberDoesNotStopOthersOrItself() {
        EventBus bus = new EventBus(delivery);
        List<String> healthy = new CopyOnWriteArrayList<>();
        List<String> failing = new CopyOnWriteArrayList<>();
        bus.subscribe(Notice.class, notice -> {
            failing.add(notice.summary());
            throw new IllegalStateException("boom");
        });
        bus.subscribe(Notice.class, notice -> healthy.add(notice.summary()));
        bus.publish(Notice.info("test", "one"));
        bus.publish(Notice.info("test", "two"));
        await().until(() -> healthy.size() == 2 && failing.size() == 2);
    }

    @Test
    void onlyMatchingTypesAreDeliveredAndClosingStopsDelivery() {
        EventBus bus = new EventBus(Runnable::run);
        List<Event> all = new CopyOnWriteArrayList<>();
        Subscription subscription = bus.subscribe(Event.class, all::add);
        List<Notice> notices = new CopyOnWriteArrayList<>();
        bus.subscribe(Notice.class, notices::add);
        bus.publish(Notice.info("t", "a"));
        subscription.close();
        bus.publish(Notice.info("t", "b"));
        assertThat(all).hasSize(1);
        assertThat(notices).hasSize(2);
    }
}
