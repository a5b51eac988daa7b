package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterWatch;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.MoonrakerSimulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printers read at a steady rate: a printer that hangs holds up no other, a removed one goes, heaters are charted. */
class PrinterWatchTest {

    @TempDir
    Path home;

    private final MoonrakerSimulator moonraker = new MoonrakerSimulator("");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silent;
    private Core core;
    private PrinterBook book;
    private PrinterWatch watch;

    @BeforeEach
    void start() throws Exception {
        core = new Core(new DataFolder(home), Map.of());
        book = new PrinterBook(core.openStorage().database(), core.secrets(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
                Duration.ofSeconds(1), Clock.systemUTC());
        // A server that takes the connection and never says a word, as a printer's host that has hung.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (Exception closed) {
                    return;
                }
            }
        });
        book.add(new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create(moonraker.baseUrl()), Optional.empty()), "");
        book.add(new PrinterBook.Entry("Hung", PrinterBook.Kind.OCTOPRINT, URI.create("http://127.0.0.1:" + silent.getLocalPort()), Optional.empty()), "k");
        watch = new PrinterWatch(book, timer, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() throws Exception {
        watch.close();
        timer.shutdownNow();
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
        moonraker.close();
        core.close();
    }

    @Test
    void aPrinterThatHangsHoldsUpNoOtherAndSaysSoAfterItsTimeout() {
        List<PrinterWatch.Reading> heard = new CopyOnWriteArrayList<>();
        watch.watch(heard::add);
        watch.start();
        // Within the hung printer's first timeout, the other has been read several times.
        await().atMost(Duration.ofMillis(900)).until(() -> heard.stream().filter(reading -> reading.printer().name().equals("Voron")).count() >= 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> watch.latest().containsKey("Hung"));
        PrinterWatch.Reading hung = watch.latest().get("Hung");
        assertThat(hung.status()).isEmpty();
        assertThat(hung.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("did not answer within 1 s"));
        assertThat(hung.lastSeen()).isEmpty();
        assertThat(watch.latest().get("Voron").status().map(PrinterStatus::state)).hasValue(PrinterStatus.State.IDLE);
    }

    @Test
    void heatersAreChartedAndARemovedPrinterGoes() {
        List<String> gone = new CopyOnWriteArrayList<>();
        watch.watch(reading -> {
            if (!watch.latest().containsKey(reading.printer().name())) {
                gone.add(reading.printer().name());
            }
        });
        watch.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> watch.latest().containsKey("Voron")
                && watch.latest().get("Voron").history().getOrDefault("tool0", List.of()).size() >= 3);
        assertThat(watch.latest().get("Voron").history()).containsKeys("tool0", "bed");

        assertThat(gone).isEmpty();
        book.remove("Voron");
        // The watchers are told, with the printer already gone from the latest readings (the Printers area drops its tile).
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.contains("Voron") && !watch.latest().containsKey("Voron"));
    }
}
