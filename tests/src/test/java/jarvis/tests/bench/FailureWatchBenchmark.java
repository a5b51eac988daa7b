package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.devices.cameras.Camera;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import jarvis.devices.cameras.HttpCamera;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.watch.FailureWatch;
import jarvis.devices.watch.VerdictBook;
import jarvis.devices.watch.VisionJudge;
import jarvis.devices.watch.VisionModel;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.OllamaVision;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.DirectHands;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure watch, from a camera's 1280×720 frame being in hand to the verdict's notification being told: the frame
 * scaled for the model and sent to it (the Ollama simulator, answering at once, so the model's own time is left out),
 * the verdict read, the frame stored as an artifact, the printer read again and the print paused on the Moonraker
 * simulator, the verdict kept in H2, the news told. The baseline is the same request to the model made bare, through
 * the same HTTP client. Then the whole look with the model taking 1.5 s, as a small vision model does on a Mac, against
 * KITT's target of 5 s (its figure is the worst of five). Left out: the wait for the look's turn (up to the printer
 * watch's 2 s round), reading the camera (before the frame is in hand), the tool runner and audit write the app puts
 * around the pause, a real printer's PAUSE macro, and the desktop notification's own process.
 */
@Tag("benchmark")
class FailureWatchBenchmark {

    private static final int WARMUP = 30;
    private static final int ROUNDS = 150;
    private static final int SLOW_ROUNDS = 5;
    private static final long MODEL_MILLIS = 1500;
    private static final String FAILING = "{\"verdict\":\"failure\",\"confidence\":0.98,\"reason\":\"Spaghetti around the nozzle.\"}";

    @TempDir
    Path home;

    /** The simulated print moves on at each reading: it is started afresh after each look, so every look finds it running. */
    private static void printAfresh(Printer printer, Path part) throws PrinterException {
        printer.cancel();
        printer.upload(part, true);
    }

    @Test
    void fromAFrameToItsVerdictsNotification() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator().withModel("qwen2.5vl:7b", "completion", "vision");
             MoonrakerSimulator moonraker = new MoonrakerSimulator("");
             CameraSimulator cameraServer = new CameraSimulator("pi", "raspberry");
             Core core = new Core(new DataFolder(home), Map.of())) {
            Core.Storage storage = core.openStorage();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            PrinterBook printers = new PrinterBook(storage.database(), core.secrets(), http, Duration.ofSeconds(5), Clock.systemUTC());
            PrinterBook.Entry voron = new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create(moonraker.baseUrl()), Optional.empty());
            printers.add(voron, "");
            Path part = Files.writeString(home.resolve("benchy.gcode"), "G28\n");
            printers.printer(voron).upload(part, true);
            // The camera itself, not the book's shared one: each look takes a picture of its own, as looks seconds apart do.
            Camera real = new HttpCamera("Voron cam", URI.create(cameraServer.baseUrl() + "/live-hd.jpg"), "", "", http, Duration.ofSeconds(5),
                    Clock.systemUTC());
            AtomicLong frameInHand = new AtomicLong();
            Camera timed = new Camera() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public Frame snapshot() throws CameraException {
                    Frame frame = real.snapshot();
                    frameInHand.set(System.nanoTime());
                    return frame;
                }
            };
            AtomicLong toldAt = new AtomicLong();
            OllamaVision vision = new OllamaVision(http, ollama::baseUrl, Duration.ofSeconds(30));
            FailureWatch watch = new FailureWatch(entry -> Optional.of(timed),
                    new VisionJudge(new VisionModel(vision, new OllamaLibrary(ollama::baseUrl), () -> "qwen2.5vl:7b", Clock.systemUTC())),
                    new VerdictBook(storage.database()), storage.artifacts(), () -> new FailureWatch.Rules(Duration.ofSeconds(30), true, 0.95),
                    new DirectHands(printers), Clock.systemUTC(), item -> toldAt.set(System.nanoTime()));
            byte[] frame = CameraSimulator.HD;

            // A pause needs two sure looks in a row: the first is made here, and from then on each look pauses.
            ollama.enqueue(Script.answer().text(FAILING));
            watch.look(voron, "benchy.gcode");
            List<Long> looks = new ArrayList<>();
            List<Long> bare = new ArrayList<>();
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                ollama.enqueue(Script.answer().text(FAILING));
                FailureWatch.Look look = watch.look(voron, "benchy.gcode");
                assertThat(look.paused()).as(round + " " + look).isTrue();
                long watched = toldAt.get() - frameInHand.get();
                printAfresh(printers.printer(voron), part);
                ollama.enqueue(Script.answer().text(FAILING));
                long start = System.nanoTime();
                vision.ask("qwen2.5vl:7b", "system", "prompt", frame, new ObjectMapper().createObjectNode());
                long direct = System.nanoTime() - start;
                if (round >= WARMUP) {
                    looks.add(watched);
                    bare.add(direct);
                }
            }
            List<Long> slow = new ArrayList<>();
            for (int round = 0; round < SLOW_ROUNDS; round++) {
                ollama.enqueue(Script.answer().pause(MODEL_MILLIS).text(FAILING));
                assertThat(watch.look(voron, "benchy.gcode").paused()).isTrue();
                slow.add(toldAt.get() - frameInHand.get());
                printAfresh(printers.printer(voron), part);
            }
            watch.close();

            Percentiles measured = Percentiles.ofNanos(looks);
            Percentiles baseline = Percentiles.ofNanos(bare);
            Percentiles withModel = Percentiles.ofNanos(slow);
            new BenchReport("failure-watch")
                    .figure("rounds", ROUNDS)
                    .figure("frameToNoticeP50Millis", measured.p50())
                    .figure("bareModelCallP50Millis", baseline.p50())
                    .figure("bareModelCallP95Millis", baseline.p95())
                    .figure("frameToNoticeOverBareCallAtP50", measured.p50() / baseline.p50())
                    .figure("simulatedModelMillis", MODEL_MILLIS)
                    .figure("withModelOverKittTarget", withModel.p95() / 5000)
                    .figure("withModelRounds", SLOW_ROUNDS)
                    .atMost("frameToNoticeP95Millis", measured.p95(), 500, "ms")
                    .atMost("withModelFrameToNoticeMaxMillis", withModel.p95(), 5000, "ms")
                    .finish();
        }
    }
}
