package jarvis.orchestrator.health;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Checks every integration in the background, on a schedule and when asked (a setting changed), and publishes
 * {@link HealthChanged} only when what the status bar shows would change.
 */
public final class HealthMonitor implements AutoCloseable {

    private final List<HealthProbe> probes;
    private final EventBus bus;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final IntSupplier intervalSeconds;
    private final Map<String, Health> latest = new LinkedHashMap<>();
    private ScheduledFuture<?> schedule;

    public HealthMonitor(List<HealthProbe> probes, EventBus bus, ExecutorService workers,
                         ScheduledExecutorService timer, IntSupplier intervalSeconds) {
        this.probes = List.copyOf(probes);
        this.bus = bus;
        this.workers = workers;
        this.timer = timer;
        this.intervalSeconds = intervalSeconds;
        probes.forEach(probe -> latest.put(probe.integration(), Health.checking(probe.integration())));
    }

    public synchronized void start() {
        reschedule();
    }

    /** Re-reads the interval and checks everything now. */
    public synchronized void reschedule() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        int seconds = intervalSeconds.getAsInt();
        schedule = timer.scheduleWithFixedDelay(this::refreshAll, 0, seconds, TimeUnit.SECONDS);
    }

    public void refreshAll() {
        probes.forEach(this::checkInBackground);
    }

    /** Checks one integration now, in the background: something suggests it changed. */
    public void recheck(String integration) {
        probes.stream().filter(probe -> probe.integration().equals(integration)).forEach(this::checkInBackground);
    }

    private void checkInBackground(HealthProbe probe) {
        try {
            workers.execute(() -> record(probe.check()));
        } catch (RejectedExecutionException e) {
            // Stopping: there is nobody left to tell.
        }
    }

    /** Takes what a real request found out about an integration (it could not be reached) as its state now. */
    public void report(Health health) {
        record(health);
    }

    /** Checks every probe on the calling thread, in order; for the command line. */
    public List<Health> checkNow() {
        return probes.stream().map(HealthProbe::check).peek(this::record).toList();
    }

    public List<HealthProbe> probes() {
        return probes;
    }

    public synchronized Map<String, Health> latest() {
        return Map.copyOf(latest);
    }

    private void record(Health health) {
        boolean changed;
        synchronized (this) {
            Health previous = latest.put(health.integration(), health);
            changed = previous == null || previous.status() != health.status()
                    || !Objects.equals(previous.detail(), health.detail());
        }
        if (changed) {
            bus.publish(new HealthChanged(CorrelationId.next(), health));
        }
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(true);
        }
    }
}
