package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterNews;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterStatus.State;
import jarvis.devices.printers.PrinterWatch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a person hears of a printer: each change once, finished told from cancelled, gone and back. */
class PrinterNewsTest {

    private static final PrinterBook.Entry VORON = new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create("http://voron:7125"),
            Optional.empty());

    private final List<PrinterNews.Item> heard = new ArrayList<>();
    private final PrinterNews news = new PrinterNews(heard::add);

    private static PrinterWatch.Reading reading(State state, String text, double progress) {
        Optional<PrinterStatus.Job> job = state == State.PRINTING || state == State.PAUSED
                ? Optional.of(new PrinterStatus.Job("bracket.gcode", progress, Duration.ofMinutes(10), Optional.empty())) : Optional.empty();
        return new PrinterWatch.Reading(VORON, Optional.of(new PrinterStatus(state, text, job, Map.of(), Instant.now())), Optional.empty(),
                Optional.of(Instant.now()), Map.of());
    }

    private static PrinterWatch.Reading unreachable() {
        return new PrinterWatch.Reading(VORON, Optional.empty(), Optional.of("Moonraker at http://voron:7125/ cannot be reached"),
                Optional.of(Instant.now()), Map.of());
    }

    @Test
    void aPrintThatEndsIsFinishedAndOneCancelledIsSaidSo() {
        news.accept(reading(State.IDLE, "standby", 0));
        news.accept(reading(State.PRINTING, "printing", 0.5));
        news.accept(reading(State.PRINTING, "printing", 0.995));
        news.accept(reading(State.IDLE, "complete", 0));
        news.accept(reading(State.IDLE, "complete", 0));
        news.accept(reading(State.PRINTING, "printing", 0.3));
        news.accept(reading(State.PAUSED, "paused", 0.31));
        news.accept(reading(State.IDLE, "cancelled", 0));
        assertThat(heard).extracting(PrinterNews.Item::sentence).containsExactly("Voron finished bracket.gcode.", "Voron paused bracket.gcode.",
                "Voron stopped bracket.gcode before the end (cancelled, at 31 %).");
    }

    @Test
    void aPrinterGoneDuringAPrintIsBadNewsAndItsReturnIsTold() {
        news.accept(reading(State.PRINTING, "printing", 0.2));
        news.accept(unreachable());
        news.accept(unreachable());
        news.accept(reading(State.ERROR, "Klipper shutdown: Lost communication with MCU 'mcu'", 0));
        assertThat(heard).extracting(PrinterNews.Item::what).containsExactly("offline", "online", "failed");
        assertThat(heard.getFirst().sentence()).isEqualTo("Voron went offline during bracket.gcode: Moonraker at http://voron:7125/ cannot be reached");
        assertThat(heard.getFirst().bad()).isTrue();
        assertThat(heard.getLast().sentence()).contains("stopped with an error").contains("Lost communication");
    }
}
