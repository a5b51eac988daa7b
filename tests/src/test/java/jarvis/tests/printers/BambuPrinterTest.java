package jarvis.tests.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import jarvis.devices.printers.BambuCamera;
import jarvis.devices.printers.BambuPrinter;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterStatus.State;
import jarvis.tests.simulators.BambuCameraSimulator;
import jarvis.tests.simulators.BambuFtpsSimulator;
import jarvis.tests.simulators.BambuSimulator;
import jarvis.tests.simulators.CameraSimulator;
import jarvis.tests.support.Mosquitto;
import jarvis.tests.support.Ports;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bambu driver against a real Mosquitto broker standing in for the printer's (TLS, a certificate named after the
 * serial, {@code bblp} with the access code) and a simulated P1 that sends deltas: the state merged, commands echoed,
 * a locked-down printer's refusal said, a wrong access code and a printer that is not this one told apart.
 */
class BambuPrinterTest extends PrinterContract {

    private static final String SERIAL = "01P00A123456789";
    private static final String CODE = "12345678";

    private Mosquitto broker;
    private BambuSimulator simulated;
    private BambuFtpsSimulator ftps;
    private BambuPrinter printer;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.startBambu(SERIAL, CODE);
        simulated = new BambuSimulator(broker.sideUrl(), SERIAL, CODE);
        ftps = new BambuFtpsSimulator(broker.keyStore(), Mosquitto.KEY_STORE_PASSWORD, CODE);
        printer = printer(SERIAL, CODE);
    }

    @AfterEach
    void stop() throws Exception {
        for (BambuPrinter other : others) {
            other.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (simulated != null) {
            simulated.close();
        }
        if (ftps != null) {
            ftps.close();
        }
        broker.close();
    }

    @Override
    Printer printer() {
        return printer;
    }

    @Override
    Printer refusedPrinter() {
        return made(printer(SERIAL, "87654321"));
    }

    @Override
    Printer unreachablePrinter() {
        return made(new BambuPrinter("X1", URI.create("mqtts://127.0.0.1:" + Ports.nobodyListening()), SERIAL, CODE, ftps.port(),
                Duration.ofSeconds(3), Clock.systemUTC()));
    }

    /** The printer is its own broker: switched off, there is nothing to connect to. */
    @Override
    void disconnectPrinter() {
        broker.close();
    }

    @Override
    double target(String heater) {
        return simulated.target(heater);
    }

    @Override
    boolean homed() {
        return simulated.commands().contains("gcode_line G28");
    }

    @Override
    void timePasses() {
        simulated.progress(10, 80, 12);
    }

    private final List<BambuPrinter> others = new CopyOnWriteArrayList<>();

    private BambuPrinter made(BambuPrinter other) {
        others.add(other);
        return other;
    }

    private BambuPrinter printer(String serial, String code) {
        return new BambuPrinter("X1", URI.create("mqtts://127.0.0.1:" + broker.port()), serial, code, ftps.port(), Duration.ofSeconds(3),
                Clock.systemUTC());
    }

    @Test
    void theWholeStateComesFirstAndLaterDeltasAreMergedIntoIt() throws Exception {
        PrinterStatus idle = printer.status();
        assertThat(idle.state()).isEqualTo(State.IDLE);
        assertThat(idle.job()).isEmpty();
        assertThat(idle.temperatures()).containsKeys("tool0", "bed", "chamber");

        simulated.startPrint("bracket", 120, 90);
        simulated.progress(25, 60, 30);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().job().map(job -> job.progress() == 0.25).orElse(false));
        PrinterStatus printing = printer.status();
        assertThat(printing.state()).isEqualTo(State.PRINTING);
        assertThat(printing.stateText()).isEqualTo("Running, layer 30 of 120");
        assertThat(printing.filament()).hasValue("PETG, #161616");
        assertThat(printing.light()).hasValue(false);
        assertThat(printing.job()).hasValueSatisfying(job -> {
            assertThat(job.layers()).hasValue(new PrinterStatus.Layers(30, 120));
            assertThat(job.file()).isEqualTo("bracket");
            assertThat(job.left()).hasValue(Duration.ofMinutes(60));
            assertThat(job.printed()).isEqualTo(Duration.ofMinutes(20));
        });
        // The delta carried no temperatures: the ones from the whole state are kept.
        assertThat(printing.temperatures().get("bed").target()).isEqualTo(65);
    }

    @Test
    void aPrinterThatFallsSilentIsAskedForItsStateAndThenCalledOfflineNotLeftPrinting() throws Exception {
        try (BambuPrinter quick = new BambuPrinter("P1S", URI.create("mqtts://127.0.0.1:" + broker.port()), SERIAL, CODE, ftps.port(),
                Duration.ofMillis(600), Clock.systemUTC())) {
            simulated.startPrint("bracket", 120, 90);
            await().atMost(Duration.ofSeconds(5)).until(() -> quick.status().state() == State.PRINTING);
            // Quiet for a while but answering the request for its whole state: still printing.
            Thread.sleep(3800);
            assertThat(quick.status().state()).isEqualTo(State.PRINTING);

            simulated.silence();
            Thread.sleep(3800);
            PrinterStatus silent = quick.status();
            assertThat(silent.state()).isEqualTo(State.OFFLINE);
            assertThat(silent.stateText()).contains("No report from P1S since").contains("silent");
        }
    }

    @Test
    void commandsAreEchoedAndFollowedByTheNewState() throws Exception {
        assertThatThrownBy(() -> printer.pause()).isInstanceOfSatisfying(PrinterException.class,
                failure -> assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY));
        simulated.startPrint("bracket", 120, 90);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.PRINTING);
        printer.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.PAUSED);
        printer.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.PRINTING);
        printer.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.IDLE);
        printer.setTemperature("bed", 60);
        printer.light(true);
        assertThat(simulated.commands()).containsExactly("pause", "resume", "stop", "gcode_line M140 S60", "ledctrl on");
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().temperatures().get("bed").target() == 60);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().light().orElse(false));
    }

    @Test
    void aLockedDownPrinterStillReportsButItsRefusalNamesLanOnlyAndDeveloperMode() throws Exception {
        simulated.lockDown(true);
        assertThat(printer.status().state()).isEqualTo(State.IDLE);
        assertThatThrownBy(() -> printer.setTemperature("tool0", 215)).isInstanceOfSatisfying(PrinterException.class, failure -> {
            assertThat(failure.kind()).isEqualTo(PrinterException.Kind.REFUSED);
            assertThat(failure.getMessage()).contains("84033543").contains("LAN-only").contains("Developer mode");
        });
    }

    @Test
    void aWrongAccessCodeAnotherPrintersCertificateAndNoPrinterAreToldApart() throws Exception {
        try (BambuPrinter wrongCode = printer(SERIAL, "00000000")) {
            assertThatThrownBy(wrongCode::status).isInstanceOfSatisfying(PrinterException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(PrinterException.Kind.REFUSED);
                assertThat(failure.getMessage()).contains("access code");
            });
        }
        try (BambuPrinter otherSerial = printer("01S00C987654321", CODE)) {
            assertThatThrownBy(otherSerial::status).isInstanceOfSatisfying(PrinterException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(PrinterException.Kind.REFUSED);
                assertThat(failure.getMessage()).contains(SERIAL).contains("01S00C987654321");
            });
        }
        try (BambuPrinter nowhere = new BambuPrinter("X1", URI.create("mqtts://127.0.0.1:" + Ports.nobodyListening()), SERIAL, CODE,
                Duration.ofSeconds(2), Clock.systemUTC())) {
            assertThatThrownBy(nowhere::status).isInstanceOfSatisfying(PrinterException.class,
                    failure -> assertThat(failure.kind()).isEqualTo(PrinterException.Kind.UNREACHABLE));
        }
    }

    @Test
    void aSlicedProjectIsSentOverFtpsReusingTheTlsSessionAndStarted() throws Exception {
        Path project = folder.resolve("bracket.3mf");
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Files.write(project, bytes);
        List<Long> sent = new CopyOnWriteArrayList<>();
        printer.upload(project, true, sent::add);
        assertThat(ftps.files().get("bracket.3mf")).isEqualTo(bytes);
        assertThat(ftps.refusedForNoReuse()).isZero();
        assertThat(sent.getLast()).isEqualTo(bytes.length);
        assertThat(simulated.commands()).containsExactly("project_file ftp:///bracket.3mf Metadata/plate_1.gcode");
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.status().state() == State.PRINTING);
        assertThat(printer.status().job()).hasValueSatisfying(job -> assertThat(job.file()).isEqualTo("bracket"));

        // Another print while this one runs is refused before anything is sent.
        assertThatThrownBy(() -> printer.upload(project, true)).isInstanceOfSatisfying(PrinterException.class,
                failure -> assertThat(failure.kind()).isEqualTo(PrinterException.Kind.NOT_READY));
        assertThatThrownBy(() -> printer.upload(folder.resolve("notes.txt"), false)).hasMessageContaining(".3mf");
    }

    @Test
    void theFtpsServerRefusesADataConnectionThatDoesNotReuseTheSession() throws Exception {
        // What a client without the reuse (Commons Net's FTPSClient, say) meets: the simulator is as strict as vsftpd.
        SSLContext trustAll = trustingAnything();
        try (SSLSocket control = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", ftps.port())) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
            var out = new java.io.PrintWriter(control.getOutputStream(), true, StandardCharsets.US_ASCII);
            assertThat(in.readLine()).startsWith("220");
            for (String command : List.of("USER bblp", "PASS " + CODE, "PBSZ 0", "PROT P", "TYPE I")) {
                out.print(command + "\r\n");
                out.flush();
                in.readLine();
            }
            out.print("PASV\r\n");
            out.flush();
            String passive = in.readLine();
            String[] parts = passive.substring(passive.indexOf('(') + 1, passive.indexOf(')')).split(",");
            int port = Integer.parseInt(parts[4]) * 256 + Integer.parseInt(parts[5]);
            out.print("STOR plain.3mf\r\n");
            out.flush();
            // A new connection straight to the data port: the JDK cannot offer the control's session there.
            SSLContext fresh = trustingAnything();
            assertThat(in.readLine()).startsWith("150");
            try (SSLSocket data = (SSLSocket) fresh.getSocketFactory().createSocket("127.0.0.1", port)) {
                data.startHandshake();
                data.getOutputStream().write(new byte[] {1, 2, 3});
            } catch (java.io.IOException closedByTheServer) {
                // The server may close before the bytes go.
            }
            assertThat(in.readLine()).isEqualTo("522 SSL connection failed: session reuse required");
        }
        assertThat(ftps.files()).doesNotContainKey("plain.3mf");
    }

    @Test
    void theA1AndP1CameraGivesItsFrameAfterTheLoginAndAWrongCodeOrPrinterIsSaid() throws Exception {
        try (BambuCameraSimulator camera = new BambuCameraSimulator(broker.keyStore(), Mosquitto.KEY_STORE_PASSWORD, CODE)) {
            Frame frame = new BambuCamera("X1", "127.0.0.1", camera.port(), SERIAL, CODE, Duration.ofSeconds(3), Clock.systemUTC()).snapshot();
            assertThat(frame.image()).isEqualTo(CameraSimulator.jpeg(21));
            assertThatThrownBy(() -> new BambuCamera("X1", "127.0.0.1", camera.port(), SERIAL, "00000000", Duration.ofSeconds(3), Clock.systemUTC())
                    .snapshot()).isInstanceOfSatisfying(CameraException.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(CameraException.Kind.REFUSED);
                        assertThat(failure.getMessage()).contains("access code");
                    });
            assertThatThrownBy(() -> new BambuCamera("X1", "127.0.0.1", camera.port(), "01S00C987654321", CODE, Duration.ofSeconds(3),
                    Clock.systemUTC()).snapshot()).isInstanceOfSatisfying(CameraException.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(CameraException.Kind.REFUSED);
                        assertThat(failure.getMessage()).contains("is not X1's");
                    });
        }
    }

    /** A TLS context that takes any certificate: a bare client, to see what the FTPS server makes of it. */
    private static SSLContext trustingAnything() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) { }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) { }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
