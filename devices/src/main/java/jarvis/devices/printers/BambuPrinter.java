package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import jarvis.devices.mqtt.NetworkThreads;
import jarvis.devices.printers.PrinterException.Kind;
import jarvis.devices.printers.PrinterStatus.State;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;

/**
 * A Bambu Lab printer in LAN mode (PROTOCOLS.md §9): MQTT 3.1.1 over TLS on 8883, user {@code bblp} with the access
 * code, reports on {@code device/<serial>/report} and requests on {@code device/<serial>/request}. The printer's
 * certificate names its serial: it is trusted when it does, and refused when it names another printer. A full state
 * is asked for once ({@code pushall}); P1 and A1 printers then send only what changed, which is merged into the state
 * kept here. A command waits for the printer's echo; a printer that refuses unsigned commands (error 84033543) is
 * said to need LAN-only and Developer mode.
 */
public final class BambuPrinter implements Printer, AutoCloseable {

    /** The error a printer answers when it refuses commands not signed by Bambu's own software (firmware of 2025 on). */
    static final long UNSIGNED_REFUSED = 84033543L;

    private final String name;
    private final URI address;
    private final String serial;
    private final String accessCode;
    private final int ftpsPort;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** The printer's "print" object as last merged, and whether a full one has come since connecting. */
    private final ObjectNode state = json.createObjectNode();
    private CompletableFuture<Void> fullState = new CompletableFuture<>();
    /** When the printer last reported its state. */
    private Instant lastReport = Instant.MIN;
    /** Timeouts of silence after which the whole state is asked for again, and the printer called silent if it does not answer. */
    private static final int QUIET_TIMEOUTS = 6;
    private Mqtt3AsyncClient client;
    private SSLContext ftpsTls;

    /** The printer's FTPS port, where files are sent. */
    public static final int FTPS_PORT = 990;

    public BambuPrinter(String name, URI address, String serial, String accessCode, Duration timeout, Clock clock) {
        this(name, address, serial, accessCode, FTPS_PORT, timeout, clock);
    }

    /** {@code ftpsPort}: where its FTPS server listens, when not on {@link #FTPS_PORT} (a test's). */
    public BambuPrinter(String name, URI address, String serial, String accessCode, int ftpsPort, Duration timeout, Clock clock) {
        this.name = name;
        this.address = address;
        this.serial = serial;
        this.accessCode = accessCode;
        this.ftpsPort = ftpsPort;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "Bambu";
    }

    private String reportTopic() {
        return "device/" + serial + "/report";
    }

    /** Connects when not connected, and waits for the first full state; every failure said as the person can act on it. */
    private synchronized Mqtt3AsyncClient connected() throws PrinterException {
        if (client != null && client.getState().isConnected()) {
            return client;
        }
        if (client != null) {
            client.disconnect();
        }
        Mqtt3AsyncClient made = MqttClient.builder().useMqttVersion3()
                .identifier("jarvis-" + UUID.randomUUID())
                .transportConfig(MqttClientTransportConfig.builder()
                        .serverHost(address.getHost())
                        .serverPort(address.getPort() > 0 ? address.getPort() : 8883)
                        .socketConnectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .mqttConnectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        // The printer's certificate names its serial, not its address: the trust manager checks the name.
                        .sslConfig(MqttClientSslConfig.builder().trustManagerFactory(new SerialTrust(serial)).hostnameVerifier((host, session) -> true)
                                .handshakeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build())
                        .build())
                .executorConfig().nettyExecutor(NetworkThreads.EXECUTOR).nettyThreads(1).applyExecutorConfig()
                .simpleAuth().username("bblp").password(accessCode.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        synchronized (state) {
            state.removeAll();
            fullState = new CompletableFuture<>();
        }
        made.publishes(MqttGlobalPublishFilter.ALL, publish -> report(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        try {
            made.connect().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            made.subscribeWith().topicFilter(reportTopic()).qos(MqttQos.AT_MOST_ONCE).send().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            made.disconnect();
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            made.disconnect();
            throw new PrinterException(Kind.UNREACHABLE, "The Bambu printer " + name + " at " + address.getHost() + " did not answer within "
                    + timeout.toSeconds() + " s: is it on, in LAN mode, and is the address right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            made.disconnect();
            throw new PrinterException(Kind.UNREACHABLE, "Stopped while connecting to " + name + ".", e);
        }
        client = made;
        askForEverything(made);
        return made;
    }

    private PrinterException failure(Throwable cause) {
        if (cause instanceof Mqtt3ConnAckException refused) {
            return new PrinterException(Kind.REFUSED, "The Bambu printer " + name + " refused the access code ("
                    + refused.getMqttMessage().getReturnCode() + "): check it on the printer, under Settings → LAN Only.", cause);
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof CertificateException) {
            return new PrinterException(Kind.REFUSED, "The printer at " + address.getHost() + " is not " + name + ": " + root.getMessage(), cause);
        }
        return new PrinterException(Kind.UNREACHABLE, "The Bambu printer " + name + " at " + address.getHost() + " cannot be reached ("
                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + "): is it on, in LAN mode, and is the address right?",
                cause);
    }

    /** A report from the printer: a state (whole or a delta) merged in, or the echo of a command someone waits for. */
    private void report(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        for (String module : new String[] {"print", "system", "pushing", "info"}) {
            JsonNode body = message.path(module);
            if (!body.isObject()) {
                continue;
            }
            CompletableFuture<JsonNode> asker = waiting.remove(body.path("sequence_id").asText("") + "/" + body.path("command").asText(""));
            if (asker != null) {
                asker.complete(body);
            }
            if (module.equals("print") && body.path("command").asText().equals("push_status")) {
                synchronized (state) {
                    lastReport = clock.instant();
                    merge(state, (ObjectNode) body);
                    if (state.has("gcode_state")) {
                        fullState.complete(null);
                    }
                }
            }
        }
    }

    private static void merge(ObjectNode into, ObjectNode delta) {
        delta.properties().forEach(field -> {
            JsonNode there = into.get(field.getKey());
            if (there instanceof ObjectNode object && field.getValue() instanceof ObjectNode more) {
                merge(object, more);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    /** Sends a request and returns what will hold its echo. */
    private CompletableFuture<JsonNode> request(Mqtt3AsyncClient on, String module, ObjectNode body) {
        String id = Long.toString(sequence.incrementAndGet());
        CompletableFuture<JsonNode> echo = new CompletableFuture<>();
        waiting.put(id + "/" + body.path("command").asText(), echo);
        publish(on, module, body, id);
        return echo;
    }

    /** Asks for the whole state: the printer answers with a report, not an echo, so nothing waits for one. */
    private void askForEverything(Mqtt3AsyncClient on) {
        publish(on, "pushing", json.createObjectNode().put("command", "pushall").put("version", 1).put("push_target", 1),
                Long.toString(sequence.incrementAndGet()));
    }

    private void publish(Mqtt3AsyncClient on, String module, ObjectNode body, String id) {
        body.put("sequence_id", id);
        ObjectNode message = json.createObjectNode();
        message.set(module, body);
        on.publishWith().topic("device/" + serial + "/request").payload(message.toString().getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** Sends a command and waits for the printer's echo; a refusal becomes the failure it means. */
    private void command(String module, ObjectNode body, String what) throws PrinterException {
        Mqtt3AsyncClient on = connected();
        CompletableFuture<JsonNode> echo = request(on, module, body);
        JsonNode answer;
        try {
            answer = echo.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            waiting.values().remove(echo);
            throw new PrinterException(Kind.UNREACHABLE, name + " did not answer the command to " + what + " within " + timeout.toSeconds() + " s.", e);
        } catch (ExecutionException e) {
            throw new PrinterException(Kind.UNREACHABLE, name + " broke off: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrinterException(Kind.UNREACHABLE, "Stopped while waiting for " + name + ".", e);
        }
        if (answer.path("err_code").asLong(0) == UNSIGNED_REFUSED) {
            throw new PrinterException(Kind.REFUSED, name + " refused the command to " + what + " (error 84033543): Bambu firmware from 2025 "
                    + "takes commands from other software only in LAN-only mode with Developer mode on (Settings → LAN Only on the printer).");
        }
        if (!answer.path("result").asText("success").equalsIgnoreCase("success")) {
            throw new PrinterException(Kind.REJECTED, name + " would not " + what + ": " + answer.path("reason").asText(answer.path("result").asText()) + ".");
        }
    }

    @Override
    public PrinterStatus status() throws PrinterException {
        connected();
        CompletableFuture<Void> full;
        synchronized (state) {
            full = fullState;
        }
        try {
            full.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PrinterException(Kind.UNREACHABLE, name + " took the connection but sent no state within " + timeout.toSeconds() + " s.", e);
        } catch (ExecutionException e) {
            throw new PrinterException(Kind.UNREACHABLE, name + " broke off: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrinterException(Kind.UNREACHABLE, "Stopped while waiting for " + name + ".", e);
        }
        if (stale()) {
            return new PrinterStatus(PrinterStatus.State.OFFLINE, "No report from " + name + " since " + lastReport().truncatedTo(ChronoUnit.SECONDS)
                    + ": it is connected but silent", Optional.empty(), Map.of(), clock.instant());
        }
        synchronized (state) {
            return read(state.deepCopy());
        }
    }

    /**
     * Whether the printer has gone quiet: a P1 or A1 reports only what changes, so a long silence is first met with a
     * request for the whole state; no answer within the timeout makes the state it had stale, not current.
     */
    private boolean stale() throws PrinterException {
        Instant heard = lastReport();
        if (!clock.instant().isAfter(heard.plus(timeout.multipliedBy(QUIET_TIMEOUTS)))) {
            return false;
        }
        askForEverything(connected());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lastReport().isAfter(heard)) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    private Instant lastReport() {
        synchronized (state) {
            return lastReport;
        }
    }

    private PrinterStatus read(ObjectNode print) {
        String gcodeState = print.path("gcode_state").asText("UNKNOWN").toUpperCase(Locale.ROOT);
        State now = switch (gcodeState) {
            case "RUNNING" -> State.PRINTING;
            case "PAUSE" -> State.PAUSED;
            case "PREPARE", "SLICING", "INIT" -> State.BUSY;
            case "FAILED" -> State.ERROR;
            case "IDLE", "FINISH" -> State.IDLE;
            default -> State.OFFLINE;
        };
        Map<String, PrinterStatus.Temperature> temperatures = new LinkedHashMap<>();
        if (print.has("nozzle_temper")) {
            temperatures.put("tool0", new PrinterStatus.Temperature(print.path("nozzle_temper").asDouble(), print.path("nozzle_target_temper").asDouble(0)));
        }
        if (print.has("bed_temper")) {
            temperatures.put("bed", new PrinterStatus.Temperature(print.path("bed_temper").asDouble(), print.path("bed_target_temper").asDouble(0)));
        }
        if (print.has("chamber_temper")) {
            temperatures.put("chamber", new PrinterStatus.Temperature(print.path("chamber_temper").asDouble(), 0));
        }
        Optional<PrinterStatus.Job> job = Optional.empty();
        if (now == State.PRINTING || now == State.PAUSED || now == State.BUSY) {
            String file = print.path("subtask_name").asText(print.path("gcode_file").asText(""));
            double progress = Math.clamp(print.path("mc_percent").asDouble(0) / 100, 0, 1);
            Optional<Duration> left = print.path("mc_remaining_time").isNumber()
                    ? Optional.of(Duration.ofMinutes(print.path("mc_remaining_time").asLong())) : Optional.empty();
            // Bambu reports the time left, not the time so far: what has been printed is estimated from the two.
            Duration printed = left.filter(remaining -> progress > 0.01 && progress < 1)
                    .map(remaining -> Duration.ofSeconds(Math.round(remaining.toSeconds() * progress / (1 - progress)))).orElse(Duration.ZERO);
            Optional<PrinterStatus.Layers> layers = print.path("total_layer_num").asInt(0) > 0
                    ? Optional.of(new PrinterStatus.Layers(print.path("layer_num").asInt(0), print.path("total_layer_num").asInt())) : Optional.empty();
            job = Optional.of(new PrinterStatus.Job(file, progress, printed, left, layers));
        }
        String text = gcodeState.charAt(0) + gcodeState.substring(1).toLowerCase(Locale.ROOT);
        if (print.path("total_layer_num").asInt(0) > 0 && now != State.IDLE) {
            text += ", layer " + print.path("layer_num").asInt() + " of " + print.path("total_layer_num").asInt();
        }
        if (print.path("print_error").asLong(0) != 0) {
            text += ", error " + print.path("print_error").asLong();
        }
        return new PrinterStatus(now, text, job, temperatures, filament(print), light(print), clock.instant());
    }

    /**
     * The filament loaded: the AMS tray in use ({@code tray_now}, "255" when none), else the external spool
     * ({@code vt_tray}); its type and colour ("PLA, #F2754E").
     */
    private static Optional<String> filament(ObjectNode print) {
        String now = print.path("ams").path("tray_now").asText("255");
        JsonNode tray = print.path("vt_tray");
        for (JsonNode unit : print.path("ams").path("ams")) {
            for (JsonNode slot : unit.path("tray")) {
                if (!now.equals("255") && Integer.toString(unit.path("id").asInt() * 4 + slot.path("id").asInt()).equals(now)) {
                    tray = slot;
                }
            }
        }
        String type = tray.path("tray_type").asText("");
        String colour = tray.path("tray_color").asText("");
        if (type.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(type + (colour.length() >= 6 ? ", #" + colour.substring(0, 6) : ""));
    }

    /** The chamber light as the printer last said ({@code lights_report}). */
    private static Optional<Boolean> light(ObjectNode print) {
        for (JsonNode light : print.path("lights_report")) {
            if (light.path("node").asText().equals("chamber_light")) {
                return Optional.of(light.path("mode").asText().equals("on"));
            }
        }
        return Optional.empty();
    }

    private void requireState(String states, String what) throws PrinterException {
        PrinterStatus now = status();
        String gcodeState;
        synchronized (state) {
            gcodeState = state.path("gcode_state").asText("").toUpperCase(Locale.ROOT);
        }
        if (!gcodeState.matches(states)) {
            throw new PrinterException(Kind.NOT_READY, "Could not " + what + " on " + name + ": it is " + now.stateText().toLowerCase(Locale.ROOT)
                    + (states.contains("RUNNING") ? ", with nothing printing." : ", not paused."));
        }
    }

    /**
     * Sends a sliced {@code .3mf} or a {@code .gcode} over FTPS, telling {@code sent} the bytes sent so far; with
     * {@code print}, starts it (a 3MF's first plate).
     */
    @Override
    public void upload(Path file, boolean print, LongConsumer sent) throws PrinterException {
        String fileName = file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean project = lower.endsWith(".3mf");
        if (!project && !lower.endsWith(".gcode")) {
            throw new PrinterException(Kind.REJECTED, name + " prints .3mf files sliced in Bambu Studio or OrcaSlicer, or .gcode; "
                    + fileName + " is neither: slice it for this printer first.");
        }
        if (print) {
            requireState("IDLE|FINISH|FAILED", "start " + fileName);
        }
        new BambuFtps(name, address.getHost(), ftpsPort, accessCode, tls(), timeout).upload(file, fileName, sent);
        if (print) {
            startUploaded(fileName);
        }
    }

    @Override
    public void start(String fileName) throws PrinterException {
        requireState("IDLE|FINISH|FAILED", "start " + fileName);
        startUploaded(fileName);
    }

    /** Prints a file on the printer's card: a 3MF's first plate, or a gcode file. */
    private void startUploaded(String fileName) throws PrinterException {
        boolean project = fileName.toLowerCase(Locale.ROOT).endsWith(".3mf");
        String job = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        ObjectNode start = project
                ? json.createObjectNode().put("command", "project_file").put("param", "Metadata/plate_1.gcode").put("url", "ftp:///" + fileName)
                        .put("md5", "").put("bed_type", "auto").put("timelapse", false).put("bed_levelling", true).put("flow_cali", true)
                        .put("vibration_cali", true).put("layer_inspect", false).put("use_ams", false).put("ams_mapping", "")
                        .put("subtask_name", job).put("profile_id", "0").put("project_id", "0").put("subtask_id", "0").put("task_id", "0")
                : json.createObjectNode().put("command", "gcode_file").put("param", "/sdcard/" + fileName);
        command("print", start, "start " + fileName);
    }

    /** One TLS context for the printer's FTPS connections, so the data connection can resume the control's session. */
    private synchronized SSLContext tls() throws PrinterException {
        if (ftpsTls == null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new SerialTrust(serial).getTrustManagers(), null);
                ftpsTls = context;
            } catch (GeneralSecurityException e) {
                throw new PrinterException(Kind.REJECTED, "This Java has no TLS for sending files: " + e.getMessage(), e);
            }
        }
        return ftpsTls;
    }

    /**
     * A Bambu does not say its build volume; its model does, and the serial number's first three characters name the
     * model (the table ha-bambulab and Bambu's own tools keep). A model not listed here is not guessed.
     */
    @Override
    public Optional<BuildVolume> buildVolume() {
        String model = serial.length() < 3 ? "" : serial.substring(0, 3).toUpperCase(Locale.ROOT);
        return switch (model) {
            // X1, X1 Carbon, X1E, P1P, P1S, P2S, A1
            case "00W", "00M", "03W", "01S", "01P", "22E", "039" -> Optional.of(new BuildVolume(256, 256, 256, false));
            // A1 mini
            case "030" -> Optional.of(new BuildVolume(180, 180, 180, false));
            default -> Optional.empty();
        };
    }

    @Override
    public void pause() throws PrinterException {
        requireState("RUNNING", "pause");
        command("print", json.createObjectNode().put("command", "pause").put("param", ""), "pause");
    }

    @Override
    public void resume() throws PrinterException {
        requireState("PAUSE", "resume");
        command("print", json.createObjectNode().put("command", "resume").put("param", ""), "resume");
    }

    @Override
    public void cancel() throws PrinterException {
        requireState("RUNNING|PAUSE", "cancel the print");
        command("print", json.createObjectNode().put("command", "stop").put("param", ""), "cancel the print");
    }

    @Override
    public void setTemperature(String heater, double celsius) throws PrinterException {
        String gcode = switch (heater) {
            case "tool0" -> "M104 S" + Math.round(celsius);
            case "bed" -> "M140 S" + Math.round(celsius);
            default -> throw new PrinterException(Kind.REJECTED, name + " has no heater '" + heater + "' Jarvis can set; it has tool0 and bed.");
        };
        command("print", json.createObjectNode().put("command", "gcode_line").put("param", gcode + "\n"), "set " + heater + " to " + celsius + " °C");
    }

    @Override
    public void home() throws PrinterException {
        command("print", json.createObjectNode().put("command", "gcode_line").put("param", "G28\n"), "home");
    }

    /** Turns the chamber light on or off. */
    @Override
    public void light(boolean on) throws PrinterException {
        command("system", json.createObjectNode().put("command", "ledctrl").put("led_node", "chamber_light").put("led_mode", on ? "on" : "off")
                .put("led_on_time", 500).put("led_off_time", 500).put("loop_times", 0).put("interval_time", 0), "turn the light " + (on ? "on" : "off"));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.disconnect();
            client = null;
        }
    }
}
