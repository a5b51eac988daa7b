package jarvis.devices.cameras;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every camera's latest picture, while someone looks: each camera read on a virtual thread of its own at its own rate,
 * so a camera that hangs holds up no other; its latest frame, or why there is none and when one last came. Nothing
 * is read while nobody watches: an idle dashboard costs no network and no CPU.
 */
public final class CameraWatch implements AutoCloseable {

    /** A camera as last read: its latest frame, the problem when the last read failed, and when a frame last came. */
    public record Shot(CameraBook.Entry camera, Optional<Frame> frame, Optional<String> problem, Optional<Instant> lastSeen) {}

    private static final Logger LOG = LoggerFactory.getLogger(CameraWatch.class);
    /** How often the list of cameras is looked at again for cameras added or removed. */
    private static final Duration ROSTER = Duration.ofSeconds(5);
    /** How long a camera that refused its login is left before it is asked again. */
    private static final Duration REFUSED_PAUSE = Duration.ofSeconds(30);

    private final Supplier<List<CameraBook.Entry>> entries;
    private final Function<CameraBook.Entry, Camera> cameras;
    private final CopyOnWriteArrayList<Consumer<Shot>> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, Shot> latest = new ConcurrentHashMap<>();
    private final Map<CameraBook.Entry, Future<?>> readers = new ConcurrentHashMap<>();
    private ExecutorService threads;
    private Future<?> roster;

    public CameraWatch(Supplier<List<CameraBook.Entry>> entries, Function<CameraBook.Entry, Camera> cameras) {
        this.entries = entries;
        this.cameras = cameras;
    }

    /** Hears each shot as it is taken, on the camera's thread. */
    public void watch(Consumer<Shot> watcher) {
        if (watchers.addIfAbsent(watcher)) {
            latest.values().forEach(watcher);
        }
    }

    public void unwatch(Consumer<Shot> watcher) {
        watchers.remove(watcher);
    }

    public Map<String, Shot> latest() {
        return Map.copyOf(latest);
    }

    /** Starts reading every camera at its rate; cameras added or removed are picked up within seconds. */
    public synchronized void start() {
        if (threads != null) {
            return;
        }
        threads = Executors.newVirtualThreadPerTaskExecutor();
        roster = threads.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    follow(entries.get());
                } catch (RuntimeException e) {
                    LOG.warn("Cameras: the list of cameras could not be read: {}", e.getMessage());
                }
                Thread.sleep(ROSTER.toMillis());
            }
            return null;
        });
    }

    /** Stops reading (nobody looks); the latest shots stay. */
    public synchronized void stop() {
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
            readers.clear();
        }
    }

    private synchronized void follow(List<CameraBook.Entry> now) {
        if (threads == null) {
            return;
        }
        // Keyed by the whole entry: a camera added again with a new address or rate is read anew.
        for (CameraBook.Entry known : List.copyOf(readers.keySet())) {
            if (!now.contains(known)) {
                readers.remove(known).cancel(true);
                if (now.stream().noneMatch(entry -> entry.name().equals(known.name()))) {
                    Shot last = latest.remove(known.name());
                    if (last != null) {
                        watchers.forEach(watcher -> watcher.accept(last));
                    }
                }
            }
        }
        for (CameraBook.Entry entry : now) {
            Future<?> running = readers.get(entry);
            if (running != null && !running.isDone()) {
                continue;
            }
            readers.put(entry, threads.submit(() -> {
                read(entry);
                return null;
            }));
        }
    }

    /** Reads one camera at its rate until stopped. */
    private void read(CameraBook.Entry entry) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            // Asked for each time: a password changed with the same address and rate makes a new camera (the book caches it).
            Camera camera = cameras.apply(entry);
            long began = System.nanoTime();
            Optional<Instant> lastSeen = Optional.ofNullable(latest.get(entry.name())).flatMap(Shot::lastSeen);
            Shot shot;
            boolean refusedNow = false;
            try {
                Frame frame = camera.snapshot();
                shot = new Shot(entry, Optional.of(frame), Optional.empty(), Optional.of(frame.at()));
            } catch (CameraException e) {
                refusedNow = e.kind() == CameraException.Kind.REFUSED;
                Optional<Frame> previous = Optional.ofNullable(latest.get(entry.name())).flatMap(Shot::frame);
                shot = new Shot(entry, previous, Optional.of(e.getMessage()), lastSeen);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            latest.put(entry.name(), shot);
            for (Consumer<Shot> watcher : watchers) {
                watcher.accept(shot);
            }
            long spent = (System.nanoTime() - began) / 1_000_000;
            // A refused login is not tried again at the camera's rate: cameras lock an account that keeps failing.
            boolean refused = shot.problem().isPresent() && refusedNow;
            Thread.sleep(Math.max(0, (refused ? REFUSED_PAUSE.toMillis() : entry.refresh().toMillis()) - spent));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
