package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OctoPrint server as PROTOCOLS.md §7 describes it, on loopback: {@code X-Api-Key} or 403 with a JSON error,
 * {@code /api/printer} flags and temperatures (409 when no printer is connected), {@code /api/job} with completion as
 * a percentage, multipart upload answered 201 with a {@code Location} and the pre-2.0 {@code files.local} wrapper,
 * job and printer commands answered 204, or 409 when the printer is not in a state for them. A print advances 10 %
 * each time its job is read.
 */
public final class OctoPrintSimulator implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final String key;
    private final Javalin server;
    private final Map<String, Double> targets = new ConcurrentHashMap<>(Map.of("tool0", 0.0, "bed", 0.0));
    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile boolean connected = true;
    /** OctoPrint's words for a printer that stopped with an error ("Offline after error"), or null. */
    private volatile String error;
    private volatile String file;
    private volatile double completion;
    private volatile boolean printing;
    private volatile boolean paused;

    public OctoPrintSimulator(String key) {
        this.key = key;
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before("/api/*", ctx -> {
                if (!key.equals(ctx.header("X-Api-Key"))) {
                    ctx.status(403).contentType("application/json").result("{\"error\":\"You don't have the permission to access the requested "
                            + "resource. It is either read-protected or not readable by the server.\"}");
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.get("/api/version", ctx -> ctx.json(Map.of("api", "0.1", "server", "1.11.2", "text", "OctoPrint 1.11.2")));
            config.routes.get("/api/printer", this::printer);
            // Two profiles as OctoPrint keeps them: its default, and the one chosen for this printer, marked current.
            config.routes.get("/api/printerprofiles", ctx -> ctx.contentType("application/json").result("""
                    {"profiles":{"_default":{"id":"_default","name":"Default","default":true,"current":false,"model":"Generic RepRap Printer",
                      "volume":{"width":200.0,"depth":200.0,"height":200.0,"formFactor":"rectangular","origin":"lowerleft","custom_box":false}},
                     "prusa_mk3s":{"id":"prusa_mk3s","name":"Prusa MK3S","default":false,"current":true,"model":"Original Prusa i3 MK3S",
                      "volume":{"width":250.0,"depth":210.0,"height":210.0,"formFactor":"rectangular","origin":"lowerleft","custom_box":false}}}}
                    """));
            config.routes.get("/api/connection", ctx -> ctx.contentType("application/json").result(connected
                    ? "{\"current\":{\"state\":\"Operational\",\"port\":\"/dev/ttyACM0\",\"baudrate\":115200,\"printerProfile\":\"prusa_mk3s\"},"
                      + "\"options\":{\"ports\":[\"/dev/ttyACM0\"],\"baudrates\":[250000,115200],\"printerProfiles\":[{\"id\":\"_default\",\"name\":\"Default\"},{\"id\":\"prusa_mk3s\",\"name\":\"Prusa MK3S\"}]}}"
                    : "{\"current\":{\"state\":\"Closed\",\"port\":null,\"baudrate\":null,\"printerProfile\":\"prusa_mk3s\"},"
                      + "\"options\":{\"ports\":[\"/dev/ttyACM0\"],\"baudrates\":[250000,115200],\"printerProfiles\":[{\"id\":\"_default\",\"name\":\"Default\"},{\"id\":\"prusa_mk3s\",\"name\":\"Prusa MK3S\"}]}}"));
            config.routes.get("/api/job", this::job);
            config.routes.post("/api/job", this::jobCommand);
            config.routes.post("/api/files/local", this::upload);
            config.routes.post("/api/files/local/{name}", this::select);
            config.routes.post("/api/printer/tool", ctx -> heaters(ctx, body -> body.path("targets").properties()
                    .forEach(target -> targets.put(target.getKey(), target.getValue().asDouble()))));
            config.routes.post("/api/printer/bed", ctx -> heaters(ctx, body -> targets.put("bed", body.path("target").asDouble())));
            config.routes.post("/api/printer/printhead", ctx -> heaters(ctx, body -> commands.add("home " + body.path("axes"))));
        }).start("127.0.0.1", 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Connects or disconnects the printer from the server (the USB cable, say). */
    public void connected(boolean on) {
        connected = on;
        error = null;
    }

    /** The printer stopped with an error (a thermal runaway, say): OctoPrint goes "Offline after error". */
    public void failed(String why) {
        connected = false;
        printing = false;
        paused = false;
        error = why;
    }

    public List<String> uploads() {
        return uploads;
    }

    public List<String> commands() {
        return commands;
    }

    public double target(String heater) {
        return targets.getOrDefault(heater, 0.0);
    }

    private boolean refusedWhenOffline(Context ctx) {
        if (!connected) {
            ctx.status(409).contentType("application/json").result("{\"error\":\"Printer is not operational\"}");
            return true;
        }
        return false;
    }

    private void printer(Context ctx) {
        if (refusedWhenOffline(ctx)) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode temperature = body.putObject("temperature");
        targets.forEach((heater, target) -> temperature.putObject(heater).put("actual", target == 0 ? 21.5 : target - 0.3)
                .put("target", target).put("offset", 0));
        body.putObject("sd").put("ready", true);
        ObjectNode state = body.putObject("state").put("text", paused ? "Paused" : printing ? "Printing" : "Operational");
        state.putObject("flags").put("operational", true).put("paused", paused).put("printing", printing && !paused)
                .put("cancelling", false).put("pausing", false).put("sdReady", true).put("error", false).put("ready", !printing)
                .put("closedOrError", false);
        ctx.contentType("application/json").result(body.toString());
    }

    private void job(Context ctx) {
        if (printing && !paused) {
            completion = Math.min(100, completion + 10);
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode job = body.putObject("job");
        if (file == null) {
            job.putObject("file").putNull("name").putNull("display");
            body.putObject("progress").putNull("completion").putNull("printTime").putNull("printTimeLeft");
        } else {
            job.putObject("file").put("name", file).put("path", file).put("display", file).put("origin", "local");
            job.put("estimatedPrintTime", 1000);
            body.putObject("progress").put("completion", completion).put("printTime", (long) (completion * 10))
                    .put("printTimeLeft", (long) ((100 - completion) * 10)).put("printTimeLeftOrigin", "linear");
        }
        body.put("state", paused ? "Paused" : printing ? "Printing" : connected ? "Operational" : error != null ? "Offline after error" : "Offline");
        body.put("error", error);
        ctx.contentType("application/json").result(body.toString());
    }

    private void jobCommand(Context ctx) throws IOException {
        if (refusedWhenOffline(ctx)) {
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        String command = body.path("command").asText();
        commands.add(command + (body.has("action") ? " " + body.path("action").asText() : ""));
        switch (command) {
            case "start" -> {
                if (file == null || printing) {
                    conflict(ctx, file == null ? "Cannot start printing, no file selected" : "Printer is already printing");
                    return;
                }
                printing = true;
            }
            case "pause" -> {
                if (!printing) {
                    conflict(ctx, "Printer is neither printing nor paused, 'pause' command cannot be performed");
                    return;
                }
                paused = switch (body.path("action").asText("toggle")) {
                    case "pause" -> true;
                    case "resume" -> false;
                    default -> !paused;
                };
            }
            case "cancel" -> {
                if (!printing) {
                    conflict(ctx, "Printer is neither printing nor paused, 'cancel' command cannot be performed");
                    return;
                }
                printing = false;
                paused = false;
                completion = 0;
            }
            default -> {
                ctx.status(400).contentType("application/json").result("{\"error\":\"Unknown command\"}");
                return;
            }
        }
        ctx.status(204);
    }

    private void upload(Context ctx) throws IOException {
        UploadedFile uploaded = ctx.uploadedFile("file");
        if (uploaded == null) {
            ctx.status(400).contentType("application/json").result("{\"error\":\"No file to upload and no folder to create\"}");
            return;
        }
        try (InputStream content = uploaded.content()) {
            uploads.add(uploaded.filename() + " " + content.readAllBytes().length);
        }
        boolean print = "true".equals(ctx.formParam("print"));
        boolean startable = connected && !printing;
        file = uploaded.filename();
        if (print && startable) {
            printing = true;
            paused = false;
            completion = 0;
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("files").putObject("local").put("name", file).put("path", file).put("origin", "local");
        body.put("done", true).put("effectiveSelect", startable).put("effectivePrint", print && startable);
        ctx.status(201).header("Location", baseUrl() + "/api/files/local/" + file).contentType("application/json").result(body.toString());
    }

    /** {@code POST /api/files/local/<name>} with {@code select} and {@code print}: starts a file uploaded before. */
    private void select(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (uploads.stream().noneMatch(upload -> upload.startsWith(name + " "))) {
            ctx.status(404).contentType("application/json").result("{\"error\":\"File not found on 'local': " + name + "\"}");
            return;
        }
        if (!json.readTree(ctx.body()).path("command").asText().equals("select")) {
            ctx.status(400).contentType("application/json").result("{\"error\":\"Unknown command\"}");
            return;
        }
        if (!connected) {
            conflict(ctx, "Printer is not operational, cannot directly start printing");
            return;
        }
        if (printing) {
            conflict(ctx, "Printer is already printing, cannot select a new file");
            return;
        }
        file = name;
        printing = true;
        paused = false;
        completion = 0;
        ctx.status(204);
    }

    private void heaters(Context ctx, java.util.function.Consumer<JsonNode> apply) throws IOException {
        if (refusedWhenOffline(ctx)) {
            return;
        }
        apply.accept(json.readTree(ctx.body()));
        ctx.status(204);
    }

    private void conflict(Context ctx, String error) {
        ctx.status(409).contentType("application/json").result(json.createObjectNode().put("error", error).toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
