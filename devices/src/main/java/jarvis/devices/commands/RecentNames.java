package jarvis.devices.commands;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The names of things a command can name (printers, cameras), read again at most every few seconds: a command
 * handler is asked about every message, and the book behind the names is the database.
 */
final class RecentNames {

    private static final Duration KEPT = Duration.ofSeconds(5);

    private final Supplier<List<String>> read;
    private volatile List<String> names = List.of();
    private volatile long readAt;

    RecentNames(Supplier<List<String>> read) {
        this.read = read;
    }

    List<String> get() {
        if (readAt == 0 || System.nanoTime() - readAt > KEPT.toNanos()) {
            names = read.get();
            readAt = System.nanoTime();
        }
        return names;
    }

    /** The name these words are, whatever their case and a leading "the". */
    Optional<String> find(String words) {
        String wanted = words.strip().replaceFirst("^the ", "");
        return get().stream().filter(name -> name.equalsIgnoreCase(wanted)).findFirst();
    }
}
