package jarvis.devices.printers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every printer read at a steady rate, each on its own virtual thread so a printer that hangs holds up no other: the
 * latest reading of each (or why it could not be read, and when it was last seen), and each heater's temperatures
 * over the last hour, told to whoever watches. A printer added or removed is picked up at the next round.
 */
public final class PrinterWatch implements AutoCloseable {

    /** One printer as last read: its status when it answered, the problem when it did not, and when it last answered. */
    public record Reading(PrinterBook.Entry printer, Optional<PrinterStatus> status, Optional<String> problem, Optional<Instant> lastSeen,
                          Map<String, List<Sample>> history) {}

    /** A heater's temperature at a moment. */
    public record Sample(Instant at, double celsius) {}

    private static final Logger LOG = LoggerFactory.getLogger(PrinterWatch.class);
    private static final Duration KEPT = Duration.ofHours(1);

    private final PrinterBook book;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Consumer<Reading>> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Deque<Sample>>> history = new ConcurrentHashMap<>();
    /** Printers being read now: a round that finds one still being read leaves it to finish. */
    private final Map<String, Boolean> reading = new ConcurrentHashMap<>();
    private ScheduledFuture<?> rounds;

    public PrinterWatch(PrinterBook book, ScheduledExecutorService timer, Duration interval) {
        this.book = book;
        this.timer = timer;
        this.interval = interval;
    }

    /** Starts reading every printer, at once and then every {@code interval}. */
    public synchronized void start() {
        if (rounds == null) {
            rounds = timer.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Hears each reading as it is taken, on the reading's thread; and a removed printer's last reading once more. */
    public void watch(Consumer<Reading> watcher) {
        watchers.add(watcher);
        latest.values().forEach(watcher);
    }

    public void unwatch(Consumer<Reading> watcher) {
        watchers.remove(watcher);
    }

    /** The latest reading of each printer, by name. */
    public Map<String, Reading> latest() {
        return Map.copyOf(latest);
    }

    /** Reads one printer now (after an action, say), unless it is being read already; returns at once. */
    public void readNow(String name) {
        readers.execute(() -> book.entry(name).ifPresent(this::readOnce));
    }

    private void round() {
        try {
            List<PrinterBook.Entry> entries = book.entries();
            List<String> names = entries.stream().map(PrinterBook.Entry::name).toList();
            // A printer removed: its last reading goes once more to the watchers, who find it gone from latest().
            for (String name : List.copyOf(latest.keySet())) {
                Reading last = names.contains(name) ? null : latest.remove(name);
                if (last != null) {
                    history.remove(name);
                    watchers.forEach(watcher -> watcher.accept(last));
                }
            }
            for (PrinterBook.Entry entry : entries) {
                readers.execute(() -> readOnce(entry));
            }
        } catch (RuntimeException e) {
            LOG.warn("Printers: a round of reading failed: {}", e.getMessage());
        }
    }

    /** Reads a printer unless a read of it is under way (one that hangs holds up only its own printer's tile). */
    private void readOnce(PrinterBook.Entry entry) {
        if (reading.putIfAbsent(entry.name(), true) != null) {
            return;
        }
        try {
            read(entry);
        } finally {
            reading.remove(entry.name());
        }
    }

    private void read(PrinterBook.Entry entry) {
        Optional<Instant> lastSeen = Optional.ofNullable(latest.get(entry.name())).flatMap(Reading::lastSeen);
        Reading now;
        try {
            PrinterStatus status = book.printer(entry).status();
            remember(entry.name(), status);
            now = new Reading(entry, Optional.of(status), Optional.empty(),
                    status.state() == PrinterStatus.State.OFFLINE ? lastSeen : Optional.of(status.at()), history(entry.name()));
        } catch (PrinterException e) {
            now = new Reading(entry, Optional.empty(), Optional.of(e.getMessage()), lastSeen, history(entry.name()));
        } catch (RuntimeException e) {
            now = new Reading(entry, Optional.empty(), Optional.of("Could not read " + entry.name() + ": " + e), lastSeen, history(entry.name()));
        }
        latest.put(entry.name(), now);
        for (Consumer<Reading> watcher : watchers) {
            watcher.accept(now);
        }
    }

    private void remember(String printer, PrinterStatus status) {
        Instant cutoff = status.at().minus(KEPT);
        Map<String, Deque<Sample>> heaters = history.computeIfAbsent(printer, name -> new ConcurrentHashMap<>());
        status.temperatures().forEach((heater, temperature) -> {
            Deque<Sample> samples = heaters.computeIfAbsent(heater, name -> new ArrayDeque<>());
            synchronized (samples) {
                samples.addLast(new Sample(status.at(), temperature.actual()));
                while (!samples.isEmpty() && samples.peekFirst().at().isBefore(cutoff)) {
                    samples.removeFirst();
                }
            }
        });
    }

    private Map<String, List<Sample>> history(String printer) {
        Map<String, List<Sample>> copy = new TreeMap<>();
        history.getOrDefault(printer, Map.of()).forEach((heater, samples) -> {
            synchronized (samples) {
                copy.put(heater, List.copyOf(samples));
            }
        });
        return copy;
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        readers.shutdownNow();
    }
}
