package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.printers.PrinterException.Kind;
import jarvis.devices.printers.PrinterStatus.State;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A Klipper printer through Moonraker (PROTOCOLS.md §8): read from its websocket's subscription when that stands,
 * over HTTP otherwise and for every command, with its API key in {@code X-Api-Key} when one is set (a trusted client
 * needs none). Every answer but an upload's is wrapped in {@code result}; errors carry
 * {@code error.code} and {@code error.message}. Klipper itself pauses an idle printer without complaint, so pause,
 * resume and cancel read {@code print_stats} first and say plainly when nothing is printing or paused.
 */
public final class MoonrakerPrinter implements Printer, AutoCloseable {

    /** Klipper's objects for the status, all in one query; those a printer lacks are left out of the answer. */
    private static final String STATUS_QUERY = """
            {"objects":{"webhooks":null,"print_stats":null,"virtual_sdcard":null,"display_status":null,"extruder":null,
             "extruder1":null,"heater_bed":null,"heater_generic chamber":null,"temperature_sensor chamber":null}}""";
    /** Jarvis's heater names and Klipper's. */
    private static final Map<String, String> HEATERS = new LinkedHashMap<>();

    static {
        HEATERS.put("tool0", "extruder");
        HEATERS.put("tool1", "extruder1");
        HEATERS.put("bed", "heater_bed");
        HEATERS.put("chamber", "chamber");
    }

    private final String name;
    private final PrinterHttp server;
    private final Clock clock;
    private final MoonrakerLive live;
    private String version;

    public MoonrakerPrinter(String name, URI base, String apiKey, HttpClient http, Duration timeout, Clock clock) {
        this.name = name;
        this.server = new PrinterHttp("Moonraker", base, apiKey, http, timeout);
        this.clock = clock;
        this.live = new MoonrakerLive(name, base, apiKey, http, timeout, objects(), clock);
    }

    private static JsonNode objects() {
        try {
            return new ObjectMapper().readTree(STATUS_QUERY).path("objects");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the websocket. */
    @Override
    public void close() {
        live.close();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "Moonraker";
    }

    /** Moonraker's version ({@code server.info}), asked once. */
    @Override
    public synchronized String version() throws PrinterException {
        if (version == null) {
            version = "Moonraker " + result(server.send(server.request("server/info").GET()), "read the server").path("moonraker_version").asText("");
        }
        return version.strip();
    }

    /**
     * The objects from the websocket when it is subscribed (no request, and as fresh as Klipper's last report); else
     * over HTTP, as below, while the websocket connects again.
     */
    @Override
    public PrinterStatus status() throws PrinterException {
        Optional<ObjectNode> pushed = live.objects();
        if (pushed.isPresent()) {
            return status(pushed.get());
        }
        JsonNode info = result(server.send(server.request("server/info").GET()), "read the server");
        if (!info.path("klippy_connected").asBoolean(false)) {
            return new PrinterStatus(State.OFFLINE, "Klipper is not connected to Moonraker", Optional.empty(), Map.of(), clock.instant());
        }
        String klippy = info.path("klippy_state").asText("");
        if (!klippy.equals("ready")) {
            State state = klippy.equals("startup") ? State.BUSY : klippy.equals("error") || klippy.equals("shutdown") ? State.ERROR : State.OFFLINE;
            return new PrinterStatus(state, "Klipper " + klippy + why(), Optional.empty(), Map.of(), clock.instant());
        }
        return status(result(server.send(server.request("printer/objects/query").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(STATUS_QUERY))), "read the printer").path("status"));
    }

    /**
     * Klipper's axis limits ({@code toolhead.axis_minimum} to {@code axis_maximum}), from zero where a minimum is
     * negative (travel beyond the bed's edge, to an endstop); a delta's round bed from its {@code print_radius}. These
     * are what the printer can reach, which can be a little more than its bed.
     */
    @Override
    public Optional<BuildVolume> buildVolume() throws PrinterException {
        JsonNode status = result(server.send(server.request("printer/objects/query?toolhead=axis_minimum,axis_maximum&configfile=settings").GET()),
                "read the printer's axis limits").path("status");
        JsonNode low = status.path("toolhead").path("axis_minimum");
        JsonNode high = status.path("toolhead").path("axis_maximum");
        if (low.size() < 3 || high.size() < 3) {
            return Optional.empty();
        }
        double height = high.get(2).asDouble() - Math.max(0, low.get(2).asDouble());
        JsonNode printer = status.path("configfile").path("settings").path("printer");
        if (printer.path("kinematics").asText().endsWith("delta")) {
            double radius = printer.path("print_radius").asDouble(printer.path("delta_radius").asDouble(high.get(0).asDouble()));
            return Optional.of(new BuildVolume(2 * radius, 2 * radius, height, true));
        }
        return Optional.of(new BuildVolume(high.get(0).asDouble() - Math.max(0, low.get(0).asDouble()),
                high.get(1).asDouble() - Math.max(0, low.get(1).asDouble()), height, false));
    }

    /** The status from Klipper's objects, read in one query or kept up to date by the websocket. */
    private PrinterStatus status(JsonNode objects) {
        JsonNode stats = objects.path("print_stats");
        String printState = stats.path("state").asText("standby");
        State state = switch (printState) {
            case "printing" -> State.PRINTING;
            case "paused" -> State.PAUSED;
            case "error" -> State.ERROR;
            default -> State.IDLE;
        };
        Map<String, PrinterStatus.Temperature> temperatures = new LinkedHashMap<>();
        for (Map.Entry<String, String> heater : HEATERS.entrySet()) {
            JsonNode reading = objects.path(heater.getValue());
            if (heater.getKey().equals("chamber") && reading.isMissingNode()) {
                reading = objects.has("heater_generic chamber") ? objects.path("heater_generic chamber") : objects.path("temperature_sensor chamber");
            }
            if (reading.has("temperature")) {
                temperatures.put(heater.getKey(), new PrinterStatus.Temperature(reading.path("temperature").asDouble(), reading.path("target").asDouble(0)));
            }
        }
        Optional<PrinterStatus.Job> job = Optional.empty();
        String file = stats.path("filename").asText("");
        if (!file.isEmpty() && (state == State.PRINTING || state == State.PAUSED)) {
            double progress = Math.clamp(objects.path("virtual_sdcard").path("progress")
                    .asDouble(objects.path("display_status").path("progress").asDouble(0)), 0, 1);
            double printed = stats.path("print_duration").asDouble(0);
            // Klipper gives no estimate of its own: the time so far, scaled by what is left, as Mainsail's "file" estimate.
            Optional<Duration> left = progress > 0.01 ? Optional.of(Duration.ofSeconds(Math.round(printed / progress - printed))) : Optional.empty();
            // Known only when the slicer's gcode sets them (SET_PRINT_STATS_INFO), as PrusaSlicer's, Orca's and Cura's can.
            JsonNode layerInfo = stats.path("info");
            Optional<PrinterStatus.Layers> layers = layerInfo.path("total_layer").asInt(0) > 0
                    ? Optional.of(new PrinterStatus.Layers(layerInfo.path("current_layer").asInt(0), layerInfo.path("total_layer").asInt()))
                    : Optional.empty();
            job = Optional.of(new PrinterStatus.Job(file, progress, Duration.ofSeconds(Math.round(printed)), left, layers));
        }
        String text = stats.path("message").asText("").isEmpty() ? printState : printState + ": " + stats.path("message").asText();
        Optional<String> filament = job.isPresent() && stats.path("filament_used").asDouble(0) > 0
                ? Optional.of(String.format(Locale.ROOT, "%.2f m used", stats.path("filament_used").asDouble() / 1000)) : Optional.empty();
        return new PrinterStatus(state, text, job, temperatures, filament, Optional.empty(), clock.instant());
    }

    /** Klipper's own first line on why it is not ready ("Heater extruder not heating at expected rate"), or nothing. */
    private String why() {
        try {
            String message = result(server.send(server.request("printer/info").GET()), "read Klipper's state").path("state_message").asText("");
            String first = message.strip().lines().findFirst().orElse("");
            return first.isEmpty() ? "" : ": " + first;
        } catch (PrinterException e) {
            return "";
        }
    }

    @Override
    public void upload(Path file, boolean print, LongConsumer sent) throws PrinterException {
        String fileName = file.getFileName().toString();
        PrinterHttp.requireGcode(name, fileName, "Klipper");
        HttpResponse<String> response = server.upload("server/files/upload", Map.of("root", "gcodes", "print", String.valueOf(print)), file, name,
                sent);
        check(response, "upload " + fileName);
        live.commanded();
        // The one answer Moonraker does not wrap in "result".
        JsonNode answer = server.parse(response);
        if (print && !answer.path("print_started").asBoolean(false) && !answer.path("print_queued").asBoolean(false)) {
            throw new PrinterException(Kind.NOT_READY, fileName + " was uploaded to " + name + " but not started: the printer is not ready.");
        }
    }

    @Override
    public void start(String fileName) throws PrinterException {
        requireJob("standby|complete|cancelled|error", "start " + fileName);
        result(server.send(server.request("printer/print/start?filename=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .POST(BodyPublishers.noBody())), "start " + fileName);
        live.commanded();
    }

    @Override
    public void pause() throws PrinterException {
        requireJob("printing", "pause");
        result(server.send(server.slowRequest("printer/print/pause").POST(BodyPublishers.noBody())), "pause");
        live.commanded();
    }

    @Override
    public void resume() throws PrinterException {
        requireJob("paused", "resume");
        result(server.send(server.slowRequest("printer/print/resume").POST(BodyPublishers.noBody())), "resume");
        live.commanded();
    }

    @Override
    public void cancel() throws PrinterException {
        requireJob("printing|paused", "cancel the print");
        result(server.send(server.slowRequest("printer/print/cancel").POST(BodyPublishers.noBody())), "cancel the print");
        live.commanded();
    }

    /** Klipper answers "ok" to PAUSE with nothing printing: the state is checked here, and the refusal said in words. */
    private void requireJob(String states, String what) throws PrinterException {
        JsonNode stats = result(server.send(server.request("printer/objects/query?print_stats=state").GET()), what).path("status").path("print_stats");
        String state = stats.path("state").asText("standby");
        if (!state.matches(states)) {
            throw new PrinterException(Kind.NOT_READY, "Could not " + what + " on " + name + ": it is " + state
                    + (states.startsWith("standby") ? ", busy with another print." : states.contains("printing") ? ", with nothing printing."
                    : ", not paused."));
        }
    }

    @Override
    public void setTemperature(String heater, double celsius) throws PrinterException {
        String klipper = HEATERS.get(heater);
        if (klipper == null) {
            throw new PrinterException(Kind.REJECTED, name + " has no heater '" + heater + "'; it has tool0, bed and, where fitted, tool1 and chamber.");
        }
        gcode("SET_HEATER_TEMPERATURE HEATER=" + klipper + " TARGET=" + celsius, "set " + heater + " to " + celsius + " °C");
    }

    @Override
    public void home() throws PrinterException {
        gcode("G28", "home");
    }

    private void gcode(String script, String what) throws PrinterException {
        result(server.send(server.slowRequest("printer/gcode/script?script=" + URLEncoder.encode(script, StandardCharsets.UTF_8).replace("+", "%20"))
                .POST(BodyPublishers.noBody())), what);
        live.commanded();
    }

    /** The {@code result} of a successful answer; a failure becomes the exception it means. */
    private JsonNode result(HttpResponse<String> response, String what) throws PrinterException {
        check(response, what);
        return server.parse(response).path("result");
    }

    private void check(HttpResponse<String> response, String what) throws PrinterException {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return;
        }
        String said = error(response);
        throw switch (code) {
            // Moonraker's 403 also means "File currently in use" (an upload over the file printing): only its
            // bare refusals are about the key.
            case 403 -> said.isEmpty() || said.equalsIgnoreCase("Forbidden") ? refusedKey() : new PrinterException(Kind.NOT_READY,
                    "Could not " + what + " on " + name + ": " + said + ".");
            case 401 -> refusedKey();
            case 503 -> new PrinterException(Kind.NOT_READY, "Could not " + what + " on " + name + ": Klipper is not operational ("
                    + (said.isEmpty() ? "Klippy is not connected" : said) + ").");
            case 400 -> new PrinterException(Kind.NOT_READY, "Could not " + what + " on " + name + ": " + (said.isEmpty()
                    ? "Klipper refused it" : said) + ".");
            default -> new PrinterException(Kind.REJECTED, "Moonraker would not " + what + " on " + name + " (" + code
                    + (said.isEmpty() ? "" : ": " + said) + ").");
        };
    }

    private PrinterException refusedKey() {
        return new PrinterException(Kind.REFUSED, "Moonraker refused the API key for " + name
                + ": check the key (Mainsail or Fluidd → Settings → Authorization), or add Jarvis's address to trusted_clients.");
    }

    private String error(HttpResponse<String> response) {
        return server.parseQuietly(response).path("error").path("message").asText("").strip();
    }
}
