package jarvis.tests.bench;

import jarvis.ui.fx.FxExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How long the UI thread keeps a person waiting: it is asked for a turn every 5 ms and each wait is kept. Beside it a
 * control thread sleeps 5 ms at a time and notes each time it woke late: when the whole machine stops (the hypervisor
 * takes the cores), both see it, and that is the machine's stall, not the UI's.
 */
final class UiProbe {

    /** One wait: when it was asked for, and how long it took to come. */
    record Wait(long asked, long waited) {}

    private UiProbe() {}

    /** The UI thread's waits while {@code running} (at most {@code longest}); the machine's own stops go to {@code machine}. */
    static List<Wait> waits(Duration longest, AtomicBoolean running, List<Wait> machine) {
        FxExecutor ui = new FxExecutor();
        long end = System.nanoTime() + longest.toNanos();
        List<Wait> waits = new ArrayList<>();
        Thread control = Thread.ofPlatform().daemon().start(() -> {
            while (running.get() && System.nanoTime() < end) {
                long slept = System.nanoTime();
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                long late = System.nanoTime() - slept - Duration.ofMillis(5).toNanos();
                if (late > Duration.ofMillis(10).toNanos()) {
                    machine.add(new Wait(slept, late));
                }
            }
        });
        while (running.get() && System.nanoTime() < end) {
            long asked = System.nanoTime();
            CountDownLatch turn = new CountDownLatch(1);
            ui.execute(turn::countDown);
            try {
                turn.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waits.add(new Wait(asked, System.nanoTime() - asked));
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        control.interrupt();
        return waits;
    }

    static long longest(List<Wait> waits) {
        return waits.stream().mapToLong(Wait::waited).max().orElse(0);
    }

    /** The longest UI wait less any machine-wide stop the control thread saw during it. */
    static long longestOfTheUi(List<Wait> waits, List<Wait> machine) {
        return waits.stream().mapToLong(wait -> wait.waited() - machine.stream()
                .filter(stop -> stop.asked() < wait.asked() + wait.waited() && stop.asked() + stop.waited() > wait.asked())
                .mapToLong(Wait::waited).max().orElse(0)).max().orElse(0);
    }
}
