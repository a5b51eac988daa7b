package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterNews;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterWatch;
import jarvis.devices.watch.FailureWatch;
import jarvis.devices.watch.Verdict;
import jarvis.devices.watch.VerdictBook;
import jarvis.devices.watch.VisionJudge;
import jarvis.devices.watch.VisionModel;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.OllamaVision;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.DirectHands;
import jarvis.tests.support.Ports;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure watch against the Ollama simulator, a Klipper printer that is printing and a camera: each verdict, with
 * auto-pause on and off, the frame kept with the verdict, the marks giving the precision, and a watch that cannot see
 * saying so rather than that the print is fine.
 */
class FailureWatchTest {

    @TempDir
    Path home;

    private final MoonrakerSimulator moonraker = new MoonrakerSimulator("");
    private final CameraSimulator camera = new CameraSimulator("pi", "raspberry");
    private final List<PrinterNews.Item> told = new CopyOnWriteArrayList<>();
    private final AtomicReference<FailureWatch.Rules> rules = new AtomicReference<>(new FailureWatch.Rules(Duration.ofSeconds(30), false, 0.95));
    private OllamaSimulator ollama;
    private Core core;
    private PrinterBook printers;
    private CameraBook cameras;
    private ArtifactStore artifacts;
    private VerdictBook verdicts;
    private PrinterBook.Entry voron;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator().withModel("llama3.2", "completion", "tools").withModel("qwen2.5vl:7b", "completion", "vision");
        core = new Core(new DataFolder(home), Map.of());
        Core.Storage storage = core.openStorage();
        artifacts = storage.artifacts();
        verdicts = new VerdictBook(storage.database());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        printers = new PrinterBook(storage.database(), core.secrets(), http, Duration.ofSeconds(2), Clock.systemUTC());
        cameras = new CameraBook(storage.database(), core.secrets(), http, Duration.ofSeconds(2), Clock.systemUTC());
        voron = new PrinterBook.Entry("Voron", PrinterBook.Kind.MOONRAKER, URI.create(moonraker.baseUrl()), Optional.empty());
        printers.add(voron, "");
        cameras.add(new CameraBook.Entry("Voron cam", URI.create(camera.baseUrl() + "/live.jpg"), ""), "");
        printers.linkCamera("Voron", Optional.of("Voron cam"));
        Path part = Files.writeString(home.resolve("benchy.gcode"), "G28\nG1 X10\n");
        printers.printer(voron).upload(part, true);
    }

    @AfterEach
    void stop() {
        watches.forEach(FailureWatch::close);
        printers.close();
        ollama.close();
        moonraker.close();
        camera.close();
        core.close();
    }

    private FailureWatch watch(String ollamaUrl) {
        return watch(ollamaUrl, "");
    }

    private final List<FailureWatch> watches = new CopyOnWriteArrayList<>();

    private FailureWatch watch(String ollamaUrl, String chosenModel) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        VisionJudge judge = new VisionJudge(new VisionModel(new OllamaVision(http, () -> ollamaUrl, Duration.ofSeconds(5)), new OllamaLibrary(() -> ollamaUrl),
                () -> chosenModel, Clock.systemUTC()));
        return made(new FailureWatch(entry -> printers.camera(entry, cameras), judge, verdicts,
                artifacts, rules::get, new DirectHands(printers), Clock.systemUTC(), told::add));
    }

    private FailureWatch made(FailureWatch watch) {
        watches.add(watch);
        return watch;
    }

    private FailureWatch watch() {
        return watch(ollama.baseUrl());
    }

    /** Long enough for the camera's next look to be a new picture (a picture a moment old is handed on, not taken again). */
    private static void nextPicture() throws InterruptedException {
        Thread.sleep(300);
    }

    private void modelSays(String answer) {
        ollama.enqueue(Script.answer().text(answer));
    }

    private static FailureWatch.Rules autoPause(boolean on) {
        return new FailureWatch.Rules(Duration.ofSeconds(30), on, 0.95);
    }

    @Test
    void twoSureFailuresInARowWithAutoPauseOnPauseThePrintAndKeepTheFramesJudged() throws Exception {
        rules.set(autoPause(true));
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.97,\"reason\":\"Spaghetti: loose filament around the nozzle.\"}");
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.98,\"reason\":\"Spaghetti: loose filament around the nozzle.\"}");
        FailureWatch watch = watch();

        FailureWatch.Look first = watch.look(voron, "benchy.gcode");
        assertThat(first.paused()).isFalse();
        assertThat(moonraker.commands()).isEmpty();
        assertThat(told).singleElement().satisfies(item -> assertThat(item.sentence()).contains("looks again to be sure"));
        nextPicture();
        FailureWatch.Look second = watch.look(voron, "benchy.gcode");

        assertThat(second.paused()).isTrue();
        assertThat(moonraker.commands()).containsExactly("pause");
        assertThat(printers.printer(voron).status().state()).isEqualTo(PrinterStatus.State.PAUSED);
        assertThat(told).hasSize(2).last().satisfies(item -> {
            assertThat(item.bad()).isTrue();
            assertThat(item.sentence()).contains("paused Voron", "98 %", "Spaghetti", "resume or cancel");
        });
        VerdictBook.Stored kept = verdicts.recent(Optional.of("voron"), 10).getFirst();
        assertThat(kept.verdict().call()).isEqualTo(Verdict.Call.FAILURE);
        assertThat(kept.verdict().model()).isEqualTo("qwen2.5vl:7b");
        assertThat(kept.job()).isEqualTo("benchy.gcode");
        assertThat(kept.paused()).isTrue();
        try (InputStream frame = artifacts.open(kept.frame().orElseThrow())) {
            assertThat(frame.readAllBytes()).isEqualTo(camera.lastLive());
        }
        assertThat(artifacts.find(kept.frame().orElseThrow()).orElseThrow().name()).startsWith("watch/Voron/").endsWith(".jpg");
    }

    @Test
    void aLargePictureIsShownToTheModelAndKeptAsTheModelSawItAtMost1024Wide() throws Exception {
        cameras.add(new CameraBook.Entry("Voron cam", URI.create(camera.baseUrl() + "/hd.jpg"), ""), "");
        modelSays("{\"verdict\":\"ok\",\"confidence\":0.9,\"reason\":\"fine\"}");

        FailureWatch.Look look = watch().look(voron, "benchy.gcode");

        byte[] sent = Base64.getDecoder().decode(ollama.lastRequest().body().path("messages").get(1).path("images").get(0).asText());
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(sent)).getWidth()).isEqualTo(1024);
        try (InputStream kept = artifacts.open(look.frame().orElseThrow())) {
            assertThat(kept.readAllBytes()).isEqualTo(sent);
        }
    }

    @Test
    void theSamePictureJudgedSureTwiceIsOneSureLookNotTwo() throws Exception {
        rules.set(autoPause(true));
        cameras.add(new CameraBook.Entry("Voron cam", URI.create(camera.baseUrl() + "/snapshot"), "pi"), "raspberry");
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"Spaghetti.\"}");
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"Spaghetti.\"}");
        FailureWatch watch = watch();

        watch.look(voron, "benchy.gcode");
        FailureWatch.Look second = watch.look(voron, "benchy.gcode");

        assertThat(second.paused()).isFalse();
        assertThat(second.problem()).hasValueSatisfying(why -> assertThat(why).contains("looks again to be sure"));
        assertThat(moonraker.commands()).isEmpty();
    }

    @Test
    void aPrintAPersonResumedAfterTheWatchPausedItIsNotPausedAgain() throws Exception {
        rules.set(autoPause(true));
        for (int i = 0; i < 4; i++) {
            modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"A blob on the nozzle.\"}");
        }
        FailureWatch watch = watch();
        watch.look(voron, "benchy.gcode");
        nextPicture();
        assertThat(watch.look(voron, "benchy.gcode").paused()).isTrue();
        watch.accept(reading());
        printers.printer(voron).resume();
        watch.accept(reading());

        nextPicture();
        watch.look(voron, "benchy.gcode");
        nextPicture();
        FailureWatch.Look again = watch.look(voron, "benchy.gcode");

        assertThat(again.verdict()).hasValueSatisfying(verdict -> assertThat(verdict.call()).isEqualTo(Verdict.Call.FAILURE));
        assertThat(again.paused()).isFalse();
        assertThat(again.problem()).hasValueSatisfying(why -> assertThat(why).contains("you resumed this print"));
        assertThat(moonraker.commands()).containsExactly("pause", "resume");
        assertThat(told).extracting(PrinterNews.Item::sentence).anySatisfy(sentence -> assertThat(sentence).contains("was resumed", "not pause it again"));
    }

    @Test
    void aSureFailureOnAPrintThatEndedMeanwhileDoesNotPauseTheNextOne() throws Exception {
        rules.set(autoPause(true));
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"Spaghetti.\"}");
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"Spaghetti.\"}");
        FailureWatch watch = watch();
        watch.look(voron, "benchy.gcode");
        printers.printer(voron).cancel();
        nextPicture();

        FailureWatch.Look late = watch.look(voron, "benchy.gcode");

        assertThat(late.paused()).isFalse();
        assertThat(late.problem()).hasValueSatisfying(why -> assertThat(why).contains("no longer printing benchy.gcode"));
        assertThat(moonraker.commands()).containsExactly("cancel");
    }

    @Test
    void aCameraThatSendsTheSamePictureAgainAndAgainIsCalledFrozenNotFine() throws Exception {
        cameras.add(new CameraBook.Entry("Voron cam", URI.create(camera.baseUrl() + "/snapshot"), "pi"), "raspberry");
        for (int i = 0; i < 3; i++) {
            modelSays("{\"verdict\":\"ok\",\"confidence\":0.9,\"reason\":\"fine\"}");
        }
        FailureWatch watch = watch();

        watch.look(voron, "benchy.gcode");
        Thread.sleep(300);
        watch.look(voron, "benchy.gcode");
        Thread.sleep(300);
        FailureWatch.Look third = watch.look(voron, "benchy.gcode");

        assertThat(third.verdict()).isEmpty();
        assertThat(third.problem().orElseThrow()).contains("same picture 3 times", "frozen");
        assertThat(told).singleElement().satisfies(item -> assertThat(item.sentence()).contains("cannot see Voron's print", "frozen"));
    }

    @Test
    void aPictureTheModelCannotMakeOutIsAFailureToSee() {
        modelSays("{\"verdict\":\"unclear\",\"confidence\":0.8,\"reason\":\"The chamber is dark.\"}");

        FailureWatch.Look look = watch().look(voron, "benchy.gcode");

        assertThat(look.verdict()).isEmpty();
        assertThat(look.problem().orElseThrow()).contains("cannot make out the print", "The chamber is dark");
        assertThat(told).singleElement().satisfies(item -> assertThat(item.what()).isEqualTo("watch-blind"));
    }

    /** The Voron as the printer watch reads it now. */
    private PrinterWatch.Reading reading() throws Exception {
        PrinterStatus status = printers.printer(voron).status();
        return new PrinterWatch.Reading(voron, Optional.of(status), Optional.empty(), Optional.of(status.at()), Map.of());
    }

    @Test
    void theFrameGoesToTheModelAsRawBase64UnderTheVerdictSchemaAndNotStreamed() {
        modelSays("{\"verdict\":\"ok\",\"confidence\":0.9,\"reason\":\"First layers look even.\"}");

        watch().look(voron, "benchy.gcode");

        var request = ollama.lastRequest().body();
        assertThat(request.path("model").asText()).isEqualTo("qwen2.5vl:7b");
        assertThat(request.path("stream").asBoolean(true)).isFalse();
        assertThat(request.path("format").path("properties").path("verdict").path("enum").toString()).isEqualTo("[\"ok\",\"warning\",\"failure\",\"unclear\"]");
        assertThat(request.path("format").path("required").size()).isEqualTo(3);
        String image = request.path("messages").get(1).path("images").get(0).asText();
        assertThat(image).doesNotStartWith("data:");
        assertThat(Base64.getDecoder().decode(image)).isEqualTo(camera.lastLive());
    }

    @Test
    void aSureFailureWithAutoPauseOffIsOnlyToldAndSaysWhy() {
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.99,\"reason\":\"The part has come off the bed.\"}");

        FailureWatch.Look look = watch().look(voron, "benchy.gcode");

        assertThat(look.paused()).isFalse();
        assertThat(moonraker.commands()).isEmpty();
        assertThat(told).singleElement().satisfies(item -> assertThat(item.sentence())
                .contains("looks like it is failing", "99 %", "come off the bed", "auto-pause is off"));
    }

    @Test
    void aFailureLessSureThanTheThresholdDoesNotPauseEvenWithAutoPauseOn() {
        rules.set(autoPause(true));
        modelSays("{\"verdict\":\"failure\",\"confidence\":0.9,\"reason\":\"Possibly a blob on the nozzle.\"}");

        FailureWatch.Look look = watch().look(voron, "benchy.gcode");

        assertThat(look.paused()).isFalse();
        assertThat(moonraker.commands()).isEmpty();
        assertThat(told).singleElement().satisfies(item -> assertThat(item.sentence()).contains("90 %", "pausing needs 95 %"));
    }

    @Test
    void aWarningIsToldOnceAndAnOkIsNotToldAtAll() {
        modelSays("{\"verdict\":\"warning\",\"confidence\":0.7,\"reason\":\"Stringing between the towers.\"}");
        modelSays("{\"verdict\":\"warning\",\"confidence\":0.72,\"reason\":\"Stringing between the towers.\"}");
        modelSays("{\"verdict\":\"ok\",\"confidence\":0.95,\"reason\":\"Looks normal.\"}");
        FailureWatch watch = watch();

        watch.look(voron, "benchy.gcode");
        watch.look(voron, "benchy.gcode");
        FailureWatch.Look ok = watch.look(voron, "benchy.gcode");

        assertThat(told).singleElement().satisfies(item -> {
            assertThat(item.what()).isEqualTo("watch-warning");
            assertThat(item.sentence()).contains("something to look at on Voron", "70 %", "Stringing");
        });
        assertThat(ok.verdict().orElseThrow().call()).isEqualTo(Verdict.Call.OK);
        assertThat(verdicts.recent(Optional.empty(), 10)).hasSize(3);
        assertThat(moonraker.commands()).isEmpty();
    }

    /**
     * Answers shaped as real vision models give them even under a schema (the grammar does not hold a number between
     * 0 and 1, and some servers or older models wrap JSON in a code fence): read as meant.
     */
    @Test
    void answersShapedAsRealModelsGiveThemAreReadAsMeant() {
        modelSays("```json\n{\"verdict\": \"FAILURE\", \"confidence\": 96, \"reason\": \"Spaghetti.\"}\n```");
        modelSays("\n  {\"verdict\":\"warning\",\"confidence\":\"0.6\",\"reason\":\"\"}  ");
        FailureWatch watch = watch();

        Verdict fenced = watch.look(voron, "benchy.gcode").verdict().orElseThrow();
        Verdict spaced = watch.look(voron, "benchy.gcode").verdict().orElseThrow();

        assertThat(fenced.call()).isEqualTo(Verdict.Call.FAILURE);
        assertThat(fenced.confidence()).isEqualTo(0.96);
        assertThat(spaced.call()).isEqualTo(Verdict.Call.WARNING);
        assertThat(spaced.confidence()).isEqualTo(0.6);
    }

    @Test
    void anAnswerThatIsNoVerdictIsAFailureToSeeNeverAnOk() {
        rules.set(autoPause(true));
        modelSays("The print looks great to me!");
        modelSays("{\"verdict\":\"failure\",\"confidence\":4000,\"reason\":\"x\"}");
        FailureWatch watch = watch();

        FailureWatch.Look prose = watch.look(voron, "benchy.gcode");
        FailureWatch.Look wild = watch.look(voron, "benchy.gcode");

        assertThat(prose.verdict()).isEmpty();
        assertThat(prose.problem().orElseThrow()).contains("did not answer in the verdict's shape");
        assertThat(wild.verdict()).isEmpty();
        assertThat(wild.problem().orElseThrow()).contains("not between 0 and 1");
        assertThat(moonraker.commands()).isEmpty();
        assertThat(verdicts.recent(Optional.empty(), 10)).isEmpty();
        assertThat(told).extracting(PrinterNews.Item::sentence).allSatisfy(sentence -> assertThat(sentence).contains("cannot see Voron's print"));
    }

    @Test
    void withNoVisionModelTheWatchSaysItCannotSeeOnceNotThatThePrintIsFine() throws Exception {
        ollama.close();
        ollama = new OllamaSimulator().withModel("llama3.2", "completion", "tools");
        FailureWatch watch = watch();

        FailureWatch.Look first = watch.look(voron, "benchy.gcode");
        watch.look(voron, "benchy.gcode");

        assertThat(first.verdict()).isEmpty();
        assertThat(first.problem().orElseThrow()).contains("no model that can see images", "ollama pull");
        assertThat(told).singleElement().satisfies(item -> {
            assertThat(item.what()).isEqualTo("watch-blind");
            assertThat(item.sentence()).contains("cannot see Voron's print", "no model that can see images");
        });
        assertThat(watch.latest().get("Voron").verdict()).isEmpty();
    }

    @Test
    void aChosenModelThatCannotSeeOrIsMissingIsSaidSo() {
        FailureWatch.Look textOnly = watch(ollama.baseUrl(), "llama3.2").look(voron, "benchy.gcode");
        FailureWatch.Look missing = watch(ollama.baseUrl(), "llava:13b").look(voron, "benchy.gcode");

        assertThat(textOnly.problem().orElseThrow()).contains("llama3.2 cannot see images", "Settings");
        assertThat(missing.problem().orElseThrow()).contains("Ollama has no model llava:13b", "ollama pull llava:13b");
        assertThat(verdicts.recent(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void ollamaDownAndNoCameraAreEachSaidPlainly() {
        FailureWatch.Look down = watch("http://127.0.0.1:" + Ports.nobodyListening()).look(voron, "benchy.gcode");
        printers.linkCamera("Voron", Optional.empty());
        FailureWatch.Look blind = watch().look(voron, "benchy.gcode");

        assertThat(down.problem().orElseThrow()).contains("Cannot list the models of Ollama");
        assertThat(blind.problem().orElseThrow()).contains("no camera", "./jarvis printers camera Voron");
    }

    @Test
    void marksGiveThePrecisionSoFar() {
        for (String answer : List.of("{\"verdict\":\"failure\",\"confidence\":0.9,\"reason\":\"a\"}", "{\"verdict\":\"warning\",\"confidence\":0.6,\"reason\":\"b\"}",
                "{\"verdict\":\"warning\",\"confidence\":0.6,\"reason\":\"c\"}", "{\"verdict\":\"ok\",\"confidence\":0.8,\"reason\":\"d\"}")) {
            modelSays(answer);
        }
        FailureWatch watch = watch();
        List<Long> ids = List.of(1, 2, 3, 4).stream().map(i -> watch.look(voron, "benchy.gcode").id().orElseThrow()).toList();
        assertThat(verdicts.precision().value()).isEmpty();
        assertThat(verdicts.precision().sentence()).isEqualTo("no alarm marked yet");

        verdicts.mark(ids.get(0), true);
        verdicts.mark(ids.get(1), true);
        verdicts.mark(ids.get(2), false);
        verdicts.mark(ids.get(3), false);

        VerdictBook.Precision precision = verdicts.precision();
        assertThat(precision.value()).hasValueSatisfying(value -> assertThat(value).isEqualTo(2.0 / 3));
        assertThat(precision.sentence()).isEqualTo("precision 67 % (2 of 3 alarms right), 1 missed");
        assertThat(verdicts.recent(Optional.of("Voron"), 1).getFirst().right()).contains(false);
        assertThatThrownBy(() -> verdicts.mark(9999, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no verdict 9999");
    }

    @Test
    void theWatchLooksOnlyWhileAPrintRunsAndNoMoreOftenThanItsInterval() throws Exception {
        rules.set(new FailureWatch.Rules(Duration.ofMillis(600), false, 0.95));
        for (int i = 0; i < 20; i++) {
            modelSays("{\"verdict\":\"ok\",\"confidence\":0.9,\"reason\":\"fine\"}");
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (PrinterWatch readings = new PrinterWatch(printers, timer, Duration.ofMillis(100)); FailureWatch watch = watch()) {
            readings.watch(watch);
            readings.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.recent(Optional.empty(), 10).size() >= 2);
            printers.printer(voron).cancel();
            int afterCancel = await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.recent(Optional.empty(), 50).size(), n -> n >= 2);
            Thread.sleep(1500);

            List<VerdictBook.Stored> looks = verdicts.recent(Optional.empty(), 50);
            assertThat(looks.size()).isLessThanOrEqualTo(afterCancel + 1);
            for (int i = 1; i < looks.size(); i++) {
                assertThat(Duration.between(looks.get(i).at(), looks.get(i - 1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
