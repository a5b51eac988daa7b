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

    @Test
    void aSlowSubscriberLosesItsOldestEventsAndNoOneElseWaits() throws Exception {
        EventBus bus = new EventBus(delivery, 10);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        List<String> slow = new CopyOnWriteArrayList<>();
        List<String> quick = new CopyOnWriteArrayList<>();
        bus.subscribe(Notice.class, notice -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.add(notice.summary());
        });
        bus.subscribe(Notice.class, notice -> quick.add(notice.summary()));
        bus.publish(Notice.info("test", "0"));
        entered.await();
        for (int i = 1; i < 100; i++) {
            bus.publish(Notice.info("test", Integer.toString(i)));
        }
        // The publisher was never held up, and the other subscriber reached the newest event while the slow one waited.
        await().until(() -> !quick.isEmpty() && quick.getLast().equals("99"));
        assertThat(slow).isEmpty();
        release.countDown();
        await().until(() -> slow.size() >= 11 && slow.getLast().equals("99"));
        // The first event was being delivered when the rest queued; of those, only the newest ten remain.
        assertThat(slow).hasSize(11);
        assertThat(slow.subList(1, 11)).containsExactly("90", "91", "92", "93", "94", "95", "96", "97", "98", "99");
        assertThat(bus.dropped()).isGreaterThanOrEqualTo(89);
    }
}
