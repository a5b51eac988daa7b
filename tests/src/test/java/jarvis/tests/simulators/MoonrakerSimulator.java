package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Moonraker server in front of Klipper, as PROTOCOLS.md §8 describes it, on loopback: {@code X-Api-Key} or 401
 * with Moonraker's error object; every answer wrapped in {@code result} except an upload's (201, unwrapped, with
 * {@code print_started}); {@code server.info} with {@code klippy_connected} and {@code klippy_state};
 * {@code printer/objects/query} by POST body or by query string, leaving out objects the printer lacks; gcode
 * scripts (SET_HEATER_TEMPERATURE, M104/M140, G28); 503 "Klippy Host not connected" when Klipper is away. As Klipper
 * does, PAUSE with nothing printing answers "ok". A print advances 10 % each time its objects are read. The websocket
 * ({@code /websocket}, JSON-RPC 2.0): {@code server.connection.identify}, {@code printer.objects.subscribe} (refused
 * while Klipper is not ready), then {@code notify_status_update} with only the fields that changed after each request
 * and each {@link #tick()}, and {@code notify_klippy_ready}, {@code _shutdown} and {@code _disconnected}.
 */
public final class MoonrakerSimulator implements AutoCloseable {

    private static final Pattern HEATER_TARGET = Pattern.compile("SET_HEATER_TEMPERATURE HEATER=(\\S+) TARGET=([0-9.]+)");

    private final ObjectMapper json = new ObjectMapper();
    private final String key;
    private final Javalin server;
    private final Map<String, Double> targets = new ConcurrentHashMap<>(Map.of("extruder", 0.0, "heater_bed", 0.0));
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private volatile boolean klippyConnected = true;
    private final List<WsContext> sockets = new CopyOnWriteArrayList<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private ObjectNode lastPushed = json.createObjectNode();
    private volatile boolean silent;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    /** Klipper's message when it has shut down (a thermal runaway, a lost MCU), or null while it is ready. */
    private volatile String shutdown;
    private volatile String filename = "";
    private volatile String printState = "standby";
    private volatile double progress;
    private volatile double printDuration;

    public MoonrakerSimulator(String key) {
        this.key = key;
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> {
                if (!key.isEmpty() && !key.equals(ctx.header("X-Api-Key"))) {
                    error(ctx, 401, "Unauthorized");
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.get("/server/info", ctx -> wrapped(ctx, serverInfo()));
            config.routes.get("/printer/info", ctx -> whenKlippy(ctx, () -> json.createObjectNode().put("state", shutdown != null ? "shutdown" : "ready")
                    .put("state_message", shutdown != null ? shutdown + "\nOnce the underlying issue is corrected, use the \"FIRMWARE_RESTART\" "
                            + "command to reset the firmware, reload the config, and restart the host software.\nPrinter is shutdown" : "Printer is ready")
                    .put("hostname", "voron").put("software_version", "v0.12.0-302")));
            config.routes.post("/printer/objects/query", ctx -> whenKlippy(ctx, () -> {
                queries.incrementAndGet();
                return query(json.readTree(ctx.body()).path("objects"));
            }));
            config.routes.get("/printer/objects/query", ctx -> whenKlippy(ctx, () -> query(queryString(ctx))));
            config.routes.post("/printer/print/pause", ctx -> whenKlippy(ctx, () -> {
                commands.add("pause");
                // Klipper's PAUSE sets paused whatever it was doing: an idle printer answers "ok" and stays idle here.
                if (printState.equals("printing")) {
                    printState = "paused";
                }
                return json.getNodeFactory().textNode("ok");
            }));
            config.routes.post("/printer/print/resume", ctx -> whenKlippy(ctx, () -> {
                commands.add("resume");
                if (printState.equals("paused")) {
                    printState = "printing";
                }
                return json.getNodeFactory().textNode("ok");
            }));
            config.routes.post("/printer/print/cancel", ctx -> whenKlippy(ctx, () -> {
                commands.add("cancel");
                if (printState.equals("printing") || printState.equals("paused")) {
                    printState = "cancelled";
                }
                return json.getNodeFactory().textNode("ok");
            }));
            config.routes.post("/printer/print/start", ctx -> {
                String wanted = ctx.queryParam("filename");
                if (!klippyConnected) {
                    error(ctx, 503, "Klippy Disconnected");
                } else if (wanted == null || !uploads.contains(wanted)) {
                    error(ctx, 400, "Unable to open file");
                } else if (printState.equals("printing") || printState.equals("paused")) {
                    error(ctx, 400, "SD busy");
                } else {
                    commands.add("start " + wanted);
                    filename = wanted;
                    printState = "printing";
                    progress = 0;
                    printDuration = 0;
                    wrapped(ctx, json.getNodeFactory().textNode("ok"));
                }
            });
            config.routes.post("/printer/gcode/script", this::script);
            config.routes.ws("/websocket", ws -> {
                ws.onConnect(ctx -> {
                    // Moonraker checks the key on the upgrade request, as on any other.
                    if (!key.isEmpty() && !key.equals(ctx.header("X-Api-Key"))) {
                        ctx.closeSession(4001, "Unauthorized");
                        return;
                    }
                    sockets.add(ctx);
                });
                ws.onMessage(ctx -> rpc(ctx, json.readTree(ctx.message())));
                ws.onClose(ctx -> sockets.removeIf(open -> open.sessionId().equals(ctx.sessionId())));
            });
            // Whatever a request changed reaches the subscribers as Klipper reports it: only the fields that changed.
            config.routes.after(ctx -> pushChanges());
            config.routes.post("/server/files/upload", this::upload);
        }).start("127.0.0.1", 0);
        heartbeat.scheduleAtFixedRate(this::procStats, 1, 1, TimeUnit.SECONDS);
    }

    /** A JSON-RPC call on the websocket: identify, subscribe, or a method this simulator does not have. */
    private void rpc(WsContext ctx, JsonNode call) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", call.path("id"));
        switch (call.path("method").asText()) {
            case "server.connection.identify" -> answer.putObject("result").put("connection_id", 1730367696);
            case "printer.objects.subscribe" -> {
                if (!klippyConnected || shutdown != null) {
                    answer.putObject("error").put("code", 503).put("message", "Klippy Disconnected");
                } else {
                    synchronized (this) {
                        answer.set("result", select(call.path("params").path("objects")));
                        lastPushed = snapshot();
                        // Counted as subscribed once the answer is on its way, as with Moonraker: a notification
                        // sent after this (a shutdown, say) reaches the client after its subscription's answer.
                        ctx.send(answer.toString());
                        subscribed.add(ctx.sessionId());
                    }
                    return;
                }
            }
            default -> answer.putObject("error").put("code", -32601).put("message", "Method not found");
        }
        ctx.send(answer.toString());
    }

    private ObjectNode snapshot() {
        ObjectNode all = json.createObjectNode();
        objects().forEach(all::set);
        return all;
    }

    /** Sends the subscribers what changed since the last push, field by field, as {@code notify_status_update}. */
    private synchronized void pushChanges() {
        ObjectNode now = snapshot();
        ObjectNode delta = json.createObjectNode();
        now.properties().forEach(object -> {
            JsonNode before = lastPushed.path(object.getKey());
            object.getValue().properties().forEach(field -> {
                if (!field.getValue().equals(before.path(field.getKey()))) {
                    delta.withObject(object.getKey()).set(field.getKey(), field.getValue());
                }
            });
        });
        lastPushed = now;
        if (!delta.isEmpty()) {
            ObjectNode notice = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notify_status_update");
            notice.putArray("params").add(delta).add(System.nanoTime() / 1e9);
            tell(notice);
        }
    }

    private void tell(ObjectNode notice) {
        if (silent) {
            return;
        }
        for (WsContext socket : sockets) {
            if (subscribed.contains(socket.sessionId()) || !notice.path("method").asText().equals("notify_status_update")) {
                socket.send(notice.toString());
            }
        }
    }

    /** The print moves on, as time passes on a real printer, and the subscribers are told. */
    public void tick() {
        synchronized (this) {
            advance();
        }
        pushChanges();
    }

    /** Open websockets, and whether one is subscribed. */
    public int websockets() {
        return sockets.size();
    }

    public boolean subscribed() {
        return sockets.stream().anyMatch(socket -> subscribed.contains(socket.sessionId()));
    }

    /** Cuts every websocket, as a restarting Moonraker does. */
    public void dropWebsockets() {
        sockets.forEach(WsContext::closeSession);
        sockets.clear();
        subscribed.clear();
    }

    /** Status queries over HTTP so far: a subscribed client makes none. */
    public int queries() {
        return queries.get();
    }

    /** Moonraker's once-a-second news of its own process, to every open websocket, as long as it is not silenced. */
    private void procStats() {
        if (silent) {
            return;
        }
        ObjectNode notice = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notify_proc_stat_update");
        notice.putArray("params").addObject().put("moonraker_stats", 0).put("cpu_temp", 48.2).put("websocket_connections", sockets.size());
        tell(notice);
    }

    /** The websockets stay open but nothing more comes through them, as on a connection that went half-open. */
    public void silence() {
        silent = true;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Klipper's host process connected to Moonraker or not (stopped, or starting again). */
    public void klippyConnected(boolean on) {
        klippyConnected = on;
        if (!on) {
            subscribed.clear();
        }
        tell(json.createObjectNode().put("jsonrpc", "2.0").put("method", on ? "notify_klippy_ready" : "notify_klippy_disconnected"));
    }

    /** Klipper shuts down with this message, as on a thermal runaway: connected, but in state "shutdown". */
    public void klippyShutdown(String message) {
        shutdown = message;
        printState = printState.equals("printing") || printState.equals("paused") ? "error" : printState;
        subscribed.clear();
        tell(json.createObjectNode().put("jsonrpc", "2.0").put("method", "notify_klippy_shutdown"));
    }

    public double target(String heater) {
        return targets.getOrDefault(heater, 0.0);
    }

    /** Every print command and gcode script Klipper was sent, in order ("pause", "G28"). */
    public List<String> commands() {
        return commands;
    }

    public List<String> uploads() {
        return uploads;
    }

    private ObjectNode serverInfo() {
        ObjectNode info = json.createObjectNode().put("klippy_connected", klippyConnected)
                .put("klippy_state", !klippyConnected ? "disconnected" : shutdown != null ? "shutdown" : "ready")
                .put("moonraker_version", "v0.9.3-64").put("api_version_string", "1.5.0").put("websocket_count", 0);
        info.putArray("api_version").add(1).add(5).add(0);
        info.putArray("components").add("klippy_apis").add("file_manager").add("octoprint_compat");
        info.putArray("failed_components");
        info.putArray("registered_directories").add("gcodes").add("config");
        info.putArray("warnings");
        return info;
    }

    private JsonNode queryString(Context ctx) {
        ObjectNode objects = json.createObjectNode();
        ctx.queryParamMap().forEach((object, attributes) -> {
            String list = attributes.isEmpty() ? "" : attributes.getFirst();
            if (list.isEmpty()) {
                objects.putNull(object);
            } else {
                objects.putArray(object).addAll(Arrays.stream(list.split(",")).map(json.getNodeFactory()::textNode).toList());
            }
        });
        return objects;
    }

    /** The objects asked for that this printer has, each with the attributes asked for (null: all). */
    private synchronized ObjectNode query(JsonNode asked) {
        advance();
        return select(asked);
    }

    /** The objects asked for, as they stand, without moving the print on (a websocket subscription's first answer). */
    private synchronized ObjectNode select(JsonNode asked) {
        Map<String, ObjectNode> all = objects();
        ObjectNode status = json.createObjectNode();
        asked.properties().forEach(object -> {
            ObjectNode has = all.get(object.getKey());
            if (has == null) {
                return;
            }
            if (object.getValue().isArray()) {
                ObjectNode some = status.putObject(object.getKey());
                object.getValue().forEach(attribute -> {
                    if (has.has(attribute.asText())) {
                        some.set(attribute.asText(), has.get(attribute.asText()));
                    }
                });
            } else {
                status.set(object.getKey(), has);
            }
        });
        ObjectNode result = json.createObjectNode().put("eventtime", System.nanoTime() / 1e9);
        result.set("status", status);
        return result;
    }

    /** The print moves on: a tenth more done and a minute more printed, and complete at the end. */
    private void advance() {
        if (printState.equals("printing")) {
            progress = Math.min(1, progress + 0.1);
            printDuration += 60;
            if (progress >= 1) {
                printState = "complete";
            }
        }
    }

    /** Every object this printer has, as it stands. */
    private Map<String, ObjectNode> objects() {
        return Map.of(
                "print_stats", json.createObjectNode().put("filename", filename).put("state", printState).put("message", "")
                        .put("total_duration", printDuration + 5).put("print_duration", printDuration).put("filament_used", printDuration * 10)
                        .set("info", json.createObjectNode().put("total_layer", filename.isEmpty() ? null : 120)
                                .put("current_layer", filename.isEmpty() ? null : (int) Math.round(progress * 120))),
                "virtual_sdcard", json.createObjectNode().put("file_path", filename.isEmpty() ? null : "/home/pi/printer_data/gcodes/" + filename)
                        .put("progress", progress).put("is_active", printState.equals("printing")).put("file_position", 0).put("file_size", 0),
                "display_status", json.createObjectNode().put("progress", progress).putNull("message"),
                "extruder", json.createObjectNode().put("temperature", 24.8).put("target", targets.get("extruder")).put("power", 0.0),
                "heater_bed", json.createObjectNode().put("temperature", 23.1).put("target", targets.get("heater_bed")).put("power", 0.0),
                "webhooks", json.createObjectNode().put("state", "ready").put("state_message", "Printer is ready"),
                // A Voron 2.4 300: its limits as its config sets them (y travels 5 mm past the bed to its endstop), the
                // fourth number the extruder's; its config file's settings, lower-cased as Klipper gives them.
                "toolhead", (ObjectNode) json.valueToTree(Map.of("axis_minimum", List.of(0.0, -3.0, -2.0, 0.0),
                        "axis_maximum", List.of(300.0, 305.0, 280.0, 0.0), "homed_axes", "")),
                "configfile", (ObjectNode) json.valueToTree(Map.of("settings", Map.of("printer", Map.of("kinematics", "corexy",
                        "max_velocity", 300.0, "max_accel", 3000.0)))));
    }

    private void script(Context ctx) {
        whenKlippy(ctx, () -> {
            String script = ctx.queryParam("script");
            commands.add(script);
            Matcher heater = HEATER_TARGET.matcher(script);
            if (heater.matches()) {
                if (!targets.containsKey(heater.group(1))) {
                    throw new KlipperError("Unknown heater '" + heater.group(1) + "'");
                }
                targets.put(heater.group(1), Double.parseDouble(heater.group(2)));
            } else if (script.startsWith("M104 S")) {
                targets.put("extruder", Double.parseDouble(script.substring(6)));
            } else if (script.startsWith("M140 S")) {
                targets.put("heater_bed", Double.parseDouble(script.substring(6)));
            } else if (!script.equals("G28")) {
                throw new KlipperError("Unknown command:\"" + script.split(" ")[0] + "\"");
            }
            return json.getNodeFactory().textNode("ok");
        });
    }

    private void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            error(ctx, 400, "No file name specifed in upload form");
            return;
        }
        try (InputStream in = file.content()) {
            in.readAllBytes();
        }
        if (file.filename().equals(filename) && (printState.equals("printing") || printState.equals("paused"))) {
            error(ctx, 403, "File currently in use");
            return;
        }
        uploads.add(file.filename());
        boolean print = "true".equalsIgnoreCase(ctx.formParam("print")) && klippyConnected
                && !printState.equals("printing") && !printState.equals("paused");
        if (print) {
            filename = file.filename();
            printState = "printing";
            progress = 0;
            printDuration = 0;
        }
        ObjectNode item = json.createObjectNode().put("path", file.filename()).put("root", "gcodes").put("modified", 1767225600.1)
                .put("size", file.size()).put("permissions", "rw");
        ObjectNode body = json.createObjectNode();
        body.set("item", item);
        body.put("print_started", print).put("print_queued", false).put("action", "create_file");
        ctx.status(201).header("Location", baseUrl() + "/server/files/gcodes/" + file.filename()).contentType("application/json")
                .result(body.toString());
    }

    /** Runs a Klipper request: 503 when Klipper is away, 400 with Klipper's words when it refuses. */
    private void whenKlippy(Context ctx, Answer answer) {
        if (!klippyConnected) {
            error(ctx, 503, "Klippy Host not connected");
            return;
        }
        try {
            wrapped(ctx, answer.get());
        } catch (KlipperError e) {
            error(ctx, 400, e.getMessage());
        } catch (IOException e) {
            error(ctx, 400, "Invalid JSON body: " + e.getMessage());
        }
    }

    private void wrapped(Context ctx, JsonNode result) {
        ObjectNode body = json.createObjectNode();
        body.set("result", result);
        ctx.contentType("application/json").result(body.toString());
    }

    private void error(Context ctx, int code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        ctx.status(code).contentType("application/json").result(body.toString());
    }

    private interface Answer {
        JsonNode get() throws IOException;
    }

    private static final class KlipperError extends RuntimeException {
        KlipperError(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        server.stop();
    }
}
