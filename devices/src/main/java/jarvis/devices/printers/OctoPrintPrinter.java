package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.printers.PrinterException.Kind;
import jarvis.devices.printers.PrinterStatus.State;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A printer behind OctoPrint's REST API (PROTOCOLS.md §7), with its API key in {@code X-Api-Key} and no version
 * header, so 1.x and 2.x answer alike. The state comes from {@code /api/printer}'s flags (its text is translated,
 * so only shown); the job and its progress (a percentage) from {@code /api/job}. A 403 is a refused key, a 409 a
 * printer not connected or not in a state for the command; either is said in words.
 */
public final class OctoPrintPrinter implements Printer {

    private final String name;
    private final PrinterHttp server;
    private final Clock clock;
    private String version;

    public OctoPrintPrinter(String name, URI base, String apiKey, HttpClient http, Duration timeout, Clock clock) {
        this.name = name;
        this.server = new PrinterHttp("OctoPrint", base, apiKey, http, timeout);
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "OctoPrint";
    }

    /** OctoPrint's own words for itself ({@code /api/version}'s {@code text}), asked once. */
    @Override
    public synchronized String version() throws PrinterException {
        if (version == null) {
            HttpResponse<String> answer = server.send(server.request("api/version").GET());
            check(answer, "read OctoPrint's version");
            version = server.parse(answer).path("text").asText("OctoPrint");
        }
        return version;
    }

    /** The current printer profile's volume ({@code /api/printerprofiles}); a circular one is a round bed. */
    @Override
    public Optional<BuildVolume> buildVolume() throws PrinterException {
        HttpResponse<String> answer = server.send(server.request("api/printerprofiles").GET());
        check(answer, "read OctoPrint's printer profiles");
        JsonNode chosen = null;
        for (JsonNode profile : server.parse(answer).path("profiles")) {
            if (profile.path("current").asBoolean() || chosen == null && profile.path("default").asBoolean()) {
                chosen = profile;
            }
        }
        // OctoPrint's own "_default" (a generic 200 mm cube) is what most installs never change: not taken as the printer's.
        if (chosen == null || !chosen.path("volume").path("width").isNumber() || chosen.path("id").asText().equals("_default")) {
            return Optional.empty();
        }
        JsonNode volume = chosen.path("volume");
        return Optional.of(new BuildVolume(volume.path("width").asDouble(), volume.path("depth").asDouble(), volume.path("height").asDouble(),
                volume.path("formFactor").asText().equals("circular")));
    }

    @Override
    public PrinterStatus status() throws PrinterException {
        HttpResponse<String> printer = server.send(server.request("api/printer").GET());
        if (printer.statusCode() == 409) {
            return notOperational();
        }
        check(printer, "read the printer");
        JsonNode stateNode = server.parse(printer).path("state");
        JsonNode flags = stateNode.path("flags");
        Map<String, PrinterStatus.Temperature> temperatures = new LinkedHashMap<>();
        server.parse(printer).path("temperature").properties().forEach(heater -> {
            if (heater.getValue().has("actual")) {
                temperatures.put(heater.getKey(), new PrinterStatus.Temperature(heater.getValue().path("actual").asDouble(),
                        heater.getValue().path("target").asDouble(0)));
            }
        });
        Optional<PrinterStatus.Job> job = Optional.empty();
        State state = state(flags);
        // A finished, cancelled or merely selected file stays in /api/job: only a print under way is a job.
        if (state == State.PRINTING || state == State.PAUSED || state == State.BUSY) {
            job = job(server.send(server.request("api/job").GET()));
        }
        return new PrinterStatus(state, stateNode.path("text").asText(""), job, temperatures, clock.instant());
    }

    /**
     * OctoPrint answers 409 for every printer that is not operational: none connected, connecting, or stopped with an
     * error. /api/job still answers, with the state in words and the error: an error is an error, not "offline".
     */
    private PrinterStatus notOperational() throws PrinterException {
        HttpResponse<String> answer = server.send(server.request("api/job").GET());
        JsonNode body = answer.statusCode() == 200 ? server.parseQuietly(answer) : server.json().missingNode();
        String text = body.path("state").asText("");
        String error = body.path("error").isTextual() ? body.path("error").asText() : "";
        if (!error.isBlank()) {
            return new PrinterStatus(State.ERROR, (text.isBlank() ? "Error" : text) + ": " + error, Optional.empty(), Map.of(), clock.instant());
        }
        return new PrinterStatus(State.OFFLINE, text.isBlank() || text.equals("Offline") ? "No printer is connected to OctoPrint" + ports() : text,
                Optional.empty(), Map.of(), clock.instant());
    }

    /** The serial ports OctoPrint sees ({@code /api/connection}), and where to connect: what a person does next. */
    private String ports() throws PrinterException {
        HttpResponse<String> answer = server.send(server.request("api/connection").GET());
        if (answer.statusCode() != 200) {
            return "";
        }
        List<String> ports = new ArrayList<>();
        server.parseQuietly(answer).path("options").path("ports").forEach(port -> ports.add(port.asText()));
        return ports.isEmpty() ? ": it sees no serial port; is the printer's USB cable in?"
                : " (it sees " + String.join(", ", ports) + "): connect it in OctoPrint's Connection panel.";
    }

    private Optional<PrinterStatus.Job> job(HttpResponse<String> answer) throws PrinterException {
        if (answer.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode body = server.parse(answer);
        String file = body.path("job").path("file").path("display").asText(body.path("job").path("file").path("name").asText(""));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        JsonNode progress = body.path("progress");
        return Optional.of(new PrinterStatus.Job(file, Math.clamp(progress.path("completion").asDouble(0) / 100, 0, 1),
                Duration.ofSeconds(progress.path("printTime").asLong(0)),
                progress.path("printTimeLeft").isNumber() ? Optional.of(Duration.ofSeconds(progress.path("printTimeLeft").asLong()))
                        : Optional.empty()));
    }

    private static State state(JsonNode flags) {
        if (flags.path("error").asBoolean() || flags.path("closedOrError").asBoolean() && !flags.path("operational").asBoolean()) {
            return flags.path("error").asBoolean() ? State.ERROR : State.OFFLINE;
        }
        if (flags.path("pausing").asBoolean() || flags.path("cancelling").asBoolean()) {
            return State.BUSY;
        }
        if (flags.path("paused").asBoolean()) {
            return State.PAUSED;
        }
        if (flags.path("printing").asBoolean()) {
            return State.PRINTING;
        }
        return flags.path("operational").asBoolean() ? State.IDLE : State.OFFLINE;
    }

    @Override
    public void upload(Path file, boolean print, LongConsumer sent) throws PrinterException {
        String fileName = file.getFileName().toString();
        PrinterHttp.requireGcode(name, fileName, "OctoPrint");
        HttpResponse<String> response = server.upload("api/files/local", Map.of("select", String.valueOf(print), "print", String.valueOf(print)), file,
                name, sent);
        check(response, "upload " + fileName);
        if (print && !server.parse(response).path("effectivePrint").asBoolean(true)) {
            throw new PrinterException(Kind.NOT_READY, fileName + " was uploaded to " + name + " but not started: the printer is not ready.");
        }
    }

    @Override
    public void start(String fileName) throws PrinterException {
        command("api/files/local/" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"),
                server.json().createObjectNode().put("command", "select").put("print", true), "start " + fileName);
    }

    @Override
    public void pause() throws PrinterException {
        command("api/job", server.json().createObjectNode().put("command", "pause").put("action", "pause"), "pause");
    }

    @Override
    public void resume() throws PrinterException {
        command("api/job", server.json().createObjectNode().put("command", "pause").put("action", "resume"), "resume");
    }

    @Override
    public void cancel() throws PrinterException {
        command("api/job", server.json().createObjectNode().put("command", "cancel"), "cancel the print");
    }

    @Override
    public void setTemperature(String heater, double celsius) throws PrinterException {
        ObjectNode body = server.json().createObjectNode().put("command", "target");
        String path;
        if (heater.matches("tool\\d+")) {
            body.putObject("targets").put(heater, celsius);
            path = "api/printer/tool";
        } else if (heater.equals("bed") || heater.equals("chamber")) {
            body.put("target", celsius);
            path = "api/printer/" + heater;
        } else {
            throw new PrinterException(Kind.REJECTED, name + " has no heater '" + heater + "'; it has tool0, bed and chamber.");
        }
        command(path, body, "set " + heater + " to " + celsius + " °C");
    }

    @Override
    public void home() throws PrinterException {
        ObjectNode body = server.json().createObjectNode().put("command", "home");
        body.putArray("axes").add("x").add("y").add("z");
        command("api/printer/printhead", body, "home");
    }

    private void command(String path, ObjectNode body, String what) throws PrinterException {
        check(server.send(server.request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body.toString()))), what);
    }

    /** A 2xx passes; anything else becomes the failure it means, with OctoPrint's own words where it gave some. */
    private void check(HttpResponse<String> response, String what) throws PrinterException {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return;
        }
        String said = error(response);
        throw switch (code) {
            case 401, 403 -> new PrinterException(Kind.REFUSED, "OctoPrint refused the API key for " + name
                    + ": check the key in its settings (OctoPrint → Settings → Application Keys).");
            case 409 -> new PrinterException(Kind.NOT_READY, "Could not " + what + " on " + name + ": " + (said.isEmpty()
                    ? "the printer is not in a state for it" : said) + ".");
            default -> new PrinterException(Kind.REJECTED, "OctoPrint would not " + what + " on " + name + " (" + code
                    + (said.isEmpty() ? "" : ": " + said) + ").");
        };
    }

    private String error(HttpResponse<String> response) {
        return server.parseQuietly(response).path("error").asText("");
    }
}
