package jarvis.devices.printers;

import jarvis.devices.printers.PrinterStatus.State;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a person wants to hear about their printers, from the watch's readings: a print finished, failed or paused, a
 * printer gone offline and back. Each change is told once, as it happens; the first reading of a printer only sets
 * what it was.
 */
public final class PrinterNews implements Consumer<PrinterWatch.Reading> {

    /** One piece of news: what happened, to which printer, in a sentence; {@code bad} when it needs a person. */
    public record Item(String printer, String what, String sentence, boolean bad) {}

    /** A printer as last seen: reachable or not, what it was doing, and its job's file and progress. */
    private record Was(boolean reachable, State state, String file, double progress) {}

    private final Consumer<Item> tell;
    private final Map<String, Was> last = new ConcurrentHashMap<>();

    public PrinterNews(Consumer<Item> tell) {
        this.tell = tell;
    }

    @Override
    public void accept(PrinterWatch.Reading reading) {
        String name = reading.printer().name();
        Optional<PrinterStatus> status = reading.status();
        boolean reachable = status.isPresent() && status.get().state() != State.OFFLINE;
        State state = status.map(PrinterStatus::state).orElse(State.OFFLINE);
        Optional<PrinterStatus.Job> job = status.flatMap(PrinterStatus::job);
        Was known = last.get(name);
        // A finished job is no longer reported: its file and progress are kept from the reading before.
        Was before = last.put(name, new Was(reachable, state, job.map(PrinterStatus.Job::file).orElse(known == null ? "" : known.file()),
                job.map(PrinterStatus.Job::progress).orElse(known == null ? 0 : known.progress())));
        if (before == null) {
            return;
        }
        String print = before.file().isEmpty() ? "the print" : before.file();
        if (before.reachable() && !reachable) {
            String why = reading.problem().orElse(status.map(PrinterStatus::stateText).orElse(""));
            tell.accept(new Item(name, "offline", name + " went offline" + (before.state() == State.PRINTING ? " during " + print : "")
                    + (why.isBlank() ? "." : ": " + why), true));
            return;
        }
        if (!before.reachable() && reachable) {
            tell.accept(new Item(name, "online", name + " is back (" + status.get().stateText() + ").", false));
        }
        if (before.state() == state) {
            return;
        }
        boolean wasPrinting = before.state() == State.PRINTING || before.state() == State.PAUSED || before.state() == State.BUSY;
        switch (state) {
            case PAUSED -> tell.accept(new Item(name, "paused", name + " paused " + print + ".", true));
            case ERROR -> tell.accept(new Item(name, "failed", name + " stopped with an error" + (wasPrinting ? " during " + print : "") + ": "
                    + status.get().stateText() + ".", true));
            case IDLE -> {
                // Klipper says "complete" or "cancelled"; OctoPrint says nothing, so a print that stopped short was cancelled.
                String said = status.get().stateText().toLowerCase(Locale.ROOT);
                if (wasPrinting && (said.contains("complete") || !said.contains("cancel") && before.progress() >= 0.99)) {
                    tell.accept(new Item(name, "finished", name + " finished " + print + ".", false));
                } else if (wasPrinting) {
                    tell.accept(new Item(name, "cancelled", name + " stopped " + print + " before the end (cancelled, at "
                            + Math.round(before.progress() * 100) + " %).", false));
                }
            }
            default -> { }
        }
    }
}
