package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.app.Core;
import jarvis.devices.printers.MoonrakerPrinter;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.watch.Verdict;
import jarvis.devices.watch.VerdictBook;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.MoonrakerSimulator;
import jarvis.tests.simulators.OctoPrintSimulator;
import jarvis.tests.support.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./jarvis printers}: adding an OctoPrint and a Klipper printer with their keys piped in, listing them,
 * reading one, and pausing and resuming through the safety policy, against the simulators.
 */
class PrintersCommandTest {

    @TempDir
    Path home;

    private final OctoPrintSimulator octoprint = new OctoPrintSimulator("octo-key");
    private final MoonrakerSimulator moonraker = new MoonrakerSimulator("moon-key");
    private final InputStream stdin = System.in;

    @BeforeEach
    void addThem() {
        assertThat(add("octo-key", "add", "octoprint", "Prusa", "--url", octoprint.baseUrl()).status()).isZero();
        assertThat(add("moon-key", "add", "moonraker", "Voron", "--url", moonraker.baseUrl()).status()).isZero();
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        octoprint.close();
        moonraker.close();
    }

    private Cli.Result add(String key, String... args) {
        System.setIn(new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(stdin);
        }
    }

    /** A print started on the Voron from elsewhere (Mainsail, say). */
    private void printOnTheVoron() throws Exception {
        Path file = home.resolve("bracket.gcode");
        Files.writeString(file, "G28\n");
        new MoonrakerPrinter("Voron", URI.create(moonraker.baseUrl()), "moon-key", HttpClient.newHttpClient(), Duration.ofSeconds(3),
                Clock.systemUTC()).upload(file, true);
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "printers";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(home, Map.of(), all);
    }

    @Test
    void aCameraIsLinkedAndTheWatchsVerdictsAreListedAndMarked() {
        System.setIn(new ByteArrayInputStream(new byte[0]));
        assertThat(Cli.run(home, Map.of(), "cameras", "add", "Shop", "--url", "http://127.0.0.1:9/snapshot").status()).isZero();
        System.setIn(stdin);
        Cli.Result unknown = run("camera", "Voron", "Attic");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("no camera 'Attic'");
        Cli.Result linked = run("camera", "voron", "shop");
        assertThat(linked.status()).as(linked.err()).isZero();
        assertThat(linked.out()).contains("Voron is watched through Shop.");
        long id;
        try (Core core = new Core(new DataFolder(home), Map.of())) {
            Core.Storage storage = core.openStorage();
            assertThat(core.printers().cameraOf("Voron")).contains("Shop");
            id = new VerdictBook(storage.database()).record("Voron", "bracket.gcode", Instant.parse("2026-11-30T10:15:30Z"),
                    new Verdict(Verdict.Call.FAILURE, 0.97, "Spaghetti around the nozzle.", "qwen2.5vl:7b", Duration.ZERO), Optional.empty(), true);
        }

        Cli.Result listed = run("verdicts");
        assertThat(listed.out()).contains("Voron", "2026-11-30T10:15:30Z", "failure", "97 %", "yes", "Spaghetti around the nozzle.", "no alarm marked yet");
        assertThat(run("mark", Long.toString(id), "maybe").status()).isEqualTo(2);
        assertThat(run("mark", "999", "right").err()).contains("no verdict 999");
        Cli.Result marked = run("mark", Long.toString(id), "right");
        assertThat(marked.status()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("marked right", "precision 100 % (1 of 1 alarms right)");
        assertThat(run("verdicts", "--json").out()).contains("\"mark\" : \"right\"", "\"verdict\" : \"failure\"");
    }

    @Test
    void addedPrintersAreListedWithTheirKindAddressAndWhetherTheirKeyIsSet() {
        Cli.Result listed = run();
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("Prusa").contains("OctoPrint").contains(octoprint.baseUrl())
                .contains("Voron").contains("Moonraker").contains("set").contains("2 printers.");
        Cli.Result json = run("--json");
        assertThat(json.out()).contains("\"name\" : \"Prusa\"").contains("\"key_set\" : true");
        assertThat(json.out()).doesNotContain("octo-key").doesNotContain("moon-key");
    }

    @Test
    void statusReadsThePrinterThroughItsDriver() throws Exception {
        Cli.Result idle = run("status", "prusa");
        assertThat(idle.status()).as(idle.err()).isZero();
        assertThat(idle.out()).contains("Prusa (OctoPrint 1.11.2): idle").contains("tool0").contains("bed");
        Cli.Result json = run("status", "Voron", "--json");
        assertThat(json.out()).contains("\"state\" : \"idle\"").contains("\"kind\" : \"Moonraker\"").contains("\"server\" : \"Moonraker v0.9.3-64\"");
    }

    @Test
    void pausingGoesAheadButResumingWaitsForAPersonAndWithNoTerminalIsRefused() throws Exception {
        printOnTheVoron();

        Cli.Result paused = run("pause", "Voron");
        assertThat(paused.status()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("Pause Voron");
        assertThat(moonraker.commands()).containsExactly("pause");

        Cli.Result resumed = run("resume", "Voron");
        assertThat(resumed.status()).isEqualTo(1);
        assertThat(resumed.err()).contains("needs a person's confirmation").contains("heaters");
        assertThat(moonraker.commands()).containsExactly("pause");

        Cli.Result audit = Cli.run(home, Map.of(), "audit", "--since", "1h");
        assertThat(audit.out()).contains("pause Voron").contains("resume Voron");
    }

    @Test
    void thePrintersCommandsInWordsGoThroughTheSameToolAsAModelWithNoModel() throws Exception {
        printOnTheVoron();

        Cli.Result doing = Cli.run(home, Map.of(), "do", "what is the Voron doing?");
        assertThat(doing.status()).as(doing.err()).isZero();
        assertThat(doing.out()).containsPattern("Voron is printing bracket\\.gcode: \\d+ %, \\d+ min left\\. Nozzle \\d+ °C");
        Cli.Result left = Cli.run(home, Map.of(), "do", "how long left on the prusa");
        assertThat(left.out()).contains("Prusa is idle.");

        Cli.Result paused = Cli.run(home, Map.of(), "do", "pause the voron");
        assertThat(paused.status()).as(paused.err()).isZero();
        assertThat(moonraker.commands()).containsExactly("pause");
        Cli.Result resumed = Cli.run(home, Map.of(), "do", "continue the Voron print");
        assertThat(resumed.status()).isEqualTo(1);
        assertThat(resumed.err()).contains("needs a person's confirmation");
        // A cancelled print cannot be taken back: it waits for a person too.
        Cli.Result cancelled = Cli.run(home, Map.of(), "do", "cancel the print on the Voron");
        assertThat(cancelled.status()).isEqualTo(1);
        assertThat(cancelled.err()).contains("cannot be resumed");
        assertThat(moonraker.commands()).containsExactly("pause");

        assertThat(Cli.run(home, Map.of(), "do", "pause the Ender").err()).contains("not a device command");
    }

    @Test
    void homingIsRefusedUnlessThePrinterIsIdleWhoeverAsks() throws Exception {
        printOnTheVoron();
        try (Core core = new Core(new DataFolder(home), Map.of())) {
            core.openStorage();
            var arguments = new ObjectMapper().createObjectNode().put("printer", "Voron").put("action", "home");
            assertThatThrownBy(() -> core.printerTools().control().run(arguments))
                    .hasMessageContaining("Not homing Voron: it is printing");
            assertThat(moonraker.commands()).doesNotContain("G28");
            arguments.put("printer", "Prusa");
            core.printerTools().control().run(arguments);
            assertThat(octoprint.commands()).anyMatch(command -> command.startsWith("home"));
        }
    }

    @Test
    void printersWhoseNamesFoldAlikeKeepTheirOwnKeys() {
        assertThat(PrinterBook.secretOf("Prusa A").name())
                .isNotEqualTo(PrinterBook.secretOf("Prusa.A").name())
                .startsWith("printer.prusa-a-");
        assertThat(PrinterBook.secretOf("Принтер").name())
                .isNotEqualTo(PrinterBook.secretOf("Дрюкер").name());
        Cli.Result withKeyInAddress = add("k", "add", "octoprint", "Mini", "--url", "http://pi:secret@octopi.local");
        assertThat(withKeyInAddress.status()).isEqualTo(2);
        assertThat(withKeyInAddress.err()).contains("Leave the user name, password and key out of the address").doesNotContain("secret@");
    }

    @Test
    void aPrinterThatIsNotThereABadAddressAndABambuWithoutItsSerialAreSaidPlainly() {
        Cli.Result missing = run("pause", "Ender");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("no printer 'Ender'").contains("Prusa").contains("Voron");

        Cli.Result badAddress = add("k", "add", "octoprint", "Mini", "--url", "octopi.local");
        assertThat(badAddress.status()).isEqualTo(2);
        assertThat(badAddress.err()).contains("http://host:port");

        Cli.Result noSerial = add("12345678", "add", "bambu", "X1", "--url", "192.168.1.40");
        assertThat(noSerial.status()).isEqualTo(2);
        assertThat(noSerial.err()).contains("serial");

        Cli.Result unknownKind = add("k", "add", "repetier", "Old", "--url", "http://old.local");
        assertThat(unknownKind.status()).isEqualTo(2);
        assertThat(unknownKind.err()).contains("octoprint, moonraker or bambu");

        octoprint.close();
        Cli.Result down = run("status", "Prusa");
        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).contains("cannot be reached");
    }
}
