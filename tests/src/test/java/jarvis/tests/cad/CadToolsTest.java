package jarvis.tests.cad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.cad.parts.Parts;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterStatus;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.tools.Confirmation;
import jarvis.orchestrator.tools.ConfirmationRequest;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.tests.cli.CadCommandTest;
import jarvis.tests.simulators.OctoPrintSimulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAD bench's tools as a model calls them, through the same runner and confirmation as every tool: a part read,
 * and "print this on the Prusa" sliced by the real PrusaSlicer, sent to the OctoPrint simulator by the real client and
 * started, only once a person says yes, and not at all when they say no or the printer is busy.
 */
public class CadToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private OctoPrintSimulator octoprint;
    private Core core;
    private Core.Storage storage;
    private final List<ConfirmationRequest> asked = new CopyOnWriteArrayList<>();
    private final AtomicReference<Confirmation.Decision> answer = new AtomicReference<>(Confirmation.Decision.REFUSED);

    @BeforeEach
    void start() throws Exception {
        octoprint = new OctoPrintSimulator("octo-key");
        core = new Core(new DataFolder(home), Map.of());
        storage = core.openStorage();
        core.printers().add(new PrinterBook.Entry("Prusa", PrinterBook.Kind.OCTOPRINT, URI.create(octoprint.baseUrl()), Optional.empty()), "octo-key");
        core.confirmWith(request -> {
            asked.add(request);
            return CompletableFuture.completedFuture(new Confirmation(answer.get(), "the tester", Instant.now()));
        });
        storage.artifacts().put("parts/bracket.stl", "model/stl", new ByteArrayInputStream(CadCommandTest.box(40, 20, 5, false)), Map.of());
        core.putOnBench("bracket.stl");
    }

    @AfterEach
    void stop() {
        core.close();
        octoprint.close();
    }

    private ToolRunner.Ran run(String tool, String arguments) throws Exception {
        var tools = storage.conversations().tools().orElseThrow();
        Tool found = tools.registry().offerFor("print this part").find(tool).orElseThrow();
        return tools.runner().run(found, JSON.readTree(arguments), new ToolRunner.Asker("test", "the tester"));
    }

    @Test
    void thePartOnTheBenchIsReadWithItsSizeAndWhetherItFits() throws Exception {
        ToolRunner.Ran ran = run("cad_info", "{}");

        assertThat(ran.card().status()).isEqualTo(ToolRunner.Status.DONE);
        JsonNode read = ran.forModel();
        assertThat(read.path("part").asText()).isEqualTo("bracket.stl");
        assertThat(read.path("size_mm").toString()).isEqualTo("[40.0,20.0,5.0]");
        assertThat(read.path("closed_solid").asBoolean()).isTrue();
        assertThat(read.path("volume_cm3").asDouble()).isEqualTo(4.0);
        assertThat(read.path("fits").path("Prusa").asText()).contains("fits");
        assertThat(asked).as("reading asks no one").isEmpty();

        ToolRunner.Ran unknown = run("cad_info", "{\"part\":\"gearbox\"}");
        assertThat(unknown.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(unknown.card().summary()).contains("no stored part 'gearbox'", "bracket.stl");
    }

    @Test
    void printingThisOnThePrusaWaitsForAPersonThenSlicesSendsAndStarts() throws Exception {
        ToolRunner.Ran refused = run("cad_print", "{\"part\":\"bracket.stl\",\"printer\":\"Prusa\"}");

        assertThat(refused.card().status()).isEqualTo(ToolRunner.Status.REFUSED);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).action()).contains("slice bracket.stl for Prusa, send it and start printing");
        assertThat(asked.get(0).currentState()).contains("Prusa is");
        assertThat(octoprint.uploads()).as("nothing is sent before a person says yes").isEmpty();
        assertThat(jobs(JobRecord::type)).doesNotContain("cad.slice");

        answer.set(Confirmation.Decision.CONFIRMED);
        ToolRunner.Ran printed = run("cad_print", "{\"part\":\"bracket.stl\",\"printer\":\"Prusa\"}");

        assertThat(printed.card().status()).as(printed.card().summary()).isEqualTo(ToolRunner.Status.DONE);
        assertThat(printed.card().summary()).startsWith("Printing bracket.stl on Prusa");
        assertThat(octoprint.uploads()).singleElement().asString().startsWith("bracket-Prusa.gcode ");
        PrinterStatus status = core.printers().printer(core.printers().entry("Prusa").orElseThrow()).status();
        assertThat(status.state()).isEqualTo(PrinterStatus.State.PRINTING);
        assertThat(status.job().orElseThrow().file()).isEqualTo("bracket-Prusa.gcode");
        assertThat(printed.forModel().path("filament_grams").asDouble()).isPositive();
        assertThat(jobs(job -> job.type() + " " + job.state())).contains("cad.slice SUCCEEDED", "printer.upload SUCCEEDED");

        ToolRunner.Ran busy = run("cad_print", "{\"part\":\"bracket.stl\",\"printer\":\"Prusa\"}");
        assertThat(busy.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(busy.card().summary()).contains("Prusa is busy", "bracket-Prusa.gcode");
        assertThat(octoprint.uploads()).as("a busy printer is sent nothing").hasSize(1);
    }

    @Test
    void aBambuIsRefusedBeforeAnythingIsSlicedAndAMadePartDoesNotReplaceAStoredOne() throws Exception {
        core.printers().add(new PrinterBook.Entry("Mini", PrinterBook.Kind.BAMBU, URI.create("mqtts://127.0.0.1:9"), Optional.of("0309DA2B1200417")),
                "12345678");
        answer.set(Confirmation.Decision.CONFIRMED);

        ToolRunner.Ran bambu = run("cad_print", "{\"part\":\"bracket.stl\",\"printer\":\"Mini\"}");

        assertThat(bambu.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(bambu.card().summary()).contains("Mini is a Bambu", "Bambu Studio");
        assertThat(jobs(JobRecord::type)).doesNotContain("cad.slice", "printer.upload");

        ToolRunner.Ran again = run("cad_make", "{\"description\":\"a 40 mm bracket\",\"file\":\"bracket.stl\"}");
        assertThat(again.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(again.card().summary()).contains("already a part bracket.stl");
        assertThat(storage.artifacts().versions("parts/bracket.stl")).hasSize(1);
    }

    @Test
    void aMadePartIsMadeAgainWithNewParametersByOpenScadAloneAndBadValuesLoseNothing() throws Exception {
        madeClip(storage.artifacts());

        ToolRunner.Ran longer = run("cad_change", "{\"part\":\"clip.stl\",\"values\":{\"length\":50}}");

        assertThat(longer.card().status()).as(longer.card().summary()).isEqualTo(ToolRunner.Status.DONE);
        assertThat(longer.card().summary()).isEqualTo("Made clip.stl again from version 1 (now version 2): 50.0 × 10.0 × 8.0 mm");
        assertThat(asked).as("no one is asked: nothing moves").isEmpty();
        Artifact made = storage.artifacts().latest("parts/clip.stl").orElseThrow();
        assertThat(made.metadata()).containsEntry("prompt", "a 40 mm cable clip for a 6 mm cable").containsEntry("model", "qwen2.5-coder:7b")
                .containsEntry("parameters", "length=50.0, cable=6.0");
        String kept = new String(storage.artifacts().open(made.metadata().get("program")).readAllBytes());
        assertThat(kept).contains("length = 50; // [10:200]", "assert(cable == 6").doesNotContain("assert(length");
        assertThat(core.partOnBench()).hasValue("clip.stl");

        ToolRunner.Ran cutInTwo = run("cad_change", "{\"values\":{\"cable\":12}}");
        assertThat(cutInTwo.card().status()).isEqualTo(ToolRunner.Status.FAILED);
        assertThat(cutInTwo.card().summary()).contains("Those values do not make a sound part", "2 separate pieces");
        ToolRunner.Ran unknown = run("cad_change", "{\"values\":{\"width\":12}}");
        assertThat(unknown.card().summary()).contains("no parameter 'width'", "length, cable");
        ToolRunner.Ran dropped = run("cad_change", "{\"part\":\"bracket.stl\",\"values\":{\"length\":12}}");
        assertThat(dropped.card().summary()).contains("bracket.stl was not made from words");
        ToolRunner.Ran noSuchVersion = run("cad_change", "{\"version\":7,\"values\":{\"length\":30}}");
        assertThat(noSuchVersion.card().summary()).contains("clip.stl has no version 7", "1 to 2");
        assertThat(storage.artifacts().versions("parts/clip.stl")).as("a refused change stores nothing").hasSize(2);

        ToolRunner.Ran fromFirst = run("cad_change", "{\"version\":1,\"values\":{\"cable\":5}}");
        assertThat(fromFirst.card().summary()).as(fromFirst.card().summary()).startsWith("Made clip.stl again from version 1 (now version 3): 40.0 × ");
        String third = new String(storage.artifacts().open(storage.artifacts().latest("parts/clip.stl").orElseThrow().metadata().get("program"))
                .readAllBytes());
        assertThat(third).as("the first version's length, not the second's").contains("length = 40;", "cable = 5;");
    }

    @Test
    void aPictureDrawnTheOldWayIsDrawnAgain() throws Exception {
        Artifact part = storage.artifacts().put("parts/a.stl", "model/stl", new ByteArrayInputStream(CadCommandTest.box(1, 1, 1, false)), Map.of());
        Parts parts = new Parts(storage.artifacts());
        // A picture kept before the mirror was mended: no "drawing" in its metadata.
        storage.artifacts().put("thumbnails/parts/" + part.id() + ".png", "image/png", new ByteArrayInputStream(new byte[] {1, 2}), Map.of());

        assertThat(parts.thumbnail(part)).as("a mirrored picture is not shown").isEmpty();
        parts.keepThumbnail(part, new byte[] {3, 4});
        assertThat(parts.thumbnail(part)).hasValueSatisfying(png -> assertThat(png).containsExactly(3, 4));
    }

    @Test
    void theToolsAreOfferedForPartsNotForEverySentence() throws Exception {
        storage.artifacts().put("parts/a.stl", "model/stl", new ByteArrayInputStream(CadCommandTest.box(1, 1, 1, false)), Map.of());
        var bench = core.cadTools();

        assertThat(bench.relevantTo("print the bracket on the Prusa")).isTrue();
        assertThat(bench.relevantTo("slice this for the Voron")).isTrue();
        assertThat(bench.relevantTo("walk me through soldering step by step")).isFalse();
        assertThat(bench.relevantTo("is there a cup of coffee left")).as("a part named a.stl is not every 'a'").isFalse();
    }

    /**
     * A 40 mm cable clip as text to CAD keeps it: its OpenSCAD program (with the sizes asked for as assertions) and,
     * beside it, the part with the prompt and model it came from (the mesh here a plain box of the same size).
     */
    public static void madeClip(ArtifactStore artifacts) {
        String program = """
                length = 40; // [10:200]
                cable = 6; // [2:20]
                assert(length == 40, "length is 40 mm");
                assert(cable == 6, "cable is 6 mm");
                difference() {
                  cube([length, 10, 8]);
                  translate([length / 2, -1, 4]) rotate([-90, 0, 0]) cylinder(d = cable, h = 12, $fn = 64);
                }
                """;
        String programId = artifacts.put("parts/clip.scad", "application/x-openscad", new ByteArrayInputStream(program.getBytes()), Map.of()).id();
        artifacts.put("parts/clip.stl", "model/stl", new ByteArrayInputStream(CadCommandTest.box(40, 10, 8, false)),
                Map.of("source", "made from words", "prompt", "a 40 mm cable clip for a 6 mm cable", "model", "qwen2.5-coder:7b", "program", programId));
    }

    private List<String> jobs(java.util.function.Function<JobRecord, String> said) {
        return storage.jobs().newest(20).stream().map(said).toList();
    }
}
