package jarvis.devices.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.printers.Printer;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterStatus;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolContributor;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The printers' tools for models: read a printer (state, job, progress, time left, temperatures) and act on one.
 * Pausing stops things and switching the light harms nothing, so they go ahead; starting, resuming, heating and
 * homing start heaters or move axes, and cancelling and changing a heater cannot be taken back, so those wait for a
 * person's confirmation, whatever the model writes. Homing is refused outright unless the printer is idle.
 */
public final class PrinterTools implements ToolContributor {

    private static final Pattern PRINTER_WORDS = Pattern.compile("\\b(?:print(?:er|ers|ing)?|nozzle|hotend|extruder|bed|filament|"
            + "layer|octoprint|klipper|moonraker|bambu|voron|prusa)\\b");

    private final Supplier<PrinterBook> book;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Tool> tools;

    /** {@code book} is asked for only when a request is about printers. */
    public PrinterTools(Supplier<PrinterBook> book) {
        this.book = book;
        this.tools = List.of(new StatusTool(), new ControlTool());
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** The tool that reads a printer: the fast path's questions use it too. */
    public Tool status() {
        return tools.get(0);
    }

    /** The tool that pauses, resumes, cancels, heats and homes: the command line's and the dashboard's too. */
    public Tool control() {
        return tools.get(1);
    }

    @Override
    public boolean relevantTo(String request) {
        String text = request.toLowerCase(Locale.ROOT);
        List<PrinterBook.Entry> printers = book.get().entries();
        return !printers.isEmpty() && (PRINTER_WORDS.matcher(text).find()
                || printers.stream().anyMatch(entry -> text.contains(entry.name().toLowerCase(Locale.ROOT))));
    }

    @Override
    public Optional<String> context(String request) {
        List<String> names = book.get().entries().stream().map(entry -> entry.name() + " (" + entry.kind().label() + ")").toList();
        return Optional.of("The workshop's printers: " + String.join(", ", names) + ". Read them with printer_status; pause, resume, "
                + "cancel, set temperatures or home with printer_control.");
    }

    private JsonNode schema(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Printer printer(String name) throws ToolException {
        PrinterBook printers = book.get();
        PrinterBook.Entry entry = printers.entry(name).orElseThrow(() -> new ToolException("There is no printer '" + name + "'; the printers are "
                + String.join(", ", printers.entries().stream().map(PrinterBook.Entry::name).toList()) + "."));
        return printers.printer(entry);
    }

    /** A printer's status as the model reads it, and as './jarvis printers status --json' prints it. */
    public ObjectNode describe(Printer printer, PrinterStatus status) {
        String server;
        try {
            server = printer.version();
        } catch (PrinterException e) {
            server = printer.kind();
        }
        ObjectNode described = json.createObjectNode().put("printer", printer.name()).put("kind", printer.kind()).put("server", server)
                .put("state", status.state().name().toLowerCase(Locale.ROOT)).put("state_text", status.stateText());
        status.job().ifPresent(job -> {
            ObjectNode read = described.putObject("job").put("file", job.file()).put("progress_percent", Math.round(job.progress() * 1000) / 10.0)
                    .put("printed_minutes", job.printed().toMinutes());
            job.left().ifPresent(left -> read.put("minutes_left", left.toMinutes()));
        });
        ObjectNode heaters = described.putObject("temperatures");
        status.temperatures().forEach((heater, reading) -> heaters.putObject(heater).put("actual", reading.actual()).put("target", reading.target()));
        return described;
    }

    /** {@code printer_status}: one printer's state, or every printer's. */
    private final class StatusTool implements Tool {

        private final JsonNode parameters = schema("""
                {"type":"object","additionalProperties":false,
                 "properties":{"printer":{"type":"string","description":"The printer's name; leave out for every printer"}}}""");

        @Override
        public String name() {
            return "printer_status";
        }

        @Override
        public String description() {
            return "Reads a 3D printer's state, job, progress, time left and temperatures (or every printer's).";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.READ;
        }

        @Override
        public String describe(JsonNode arguments) {
            return arguments.hasNonNull("printer") ? "read " + arguments.path("printer").asText() : "read the printers";
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            List<String> names = arguments.hasNonNull("printer") ? List.of(arguments.path("printer").asText())
                    : book.get().entries().stream().map(PrinterBook.Entry::name).toList();
            ArrayNode read = json.createArrayNode();
            StringBuilder summary = new StringBuilder();
            for (String name : names) {
                try {
                    Printer printer = printer(name);
                    PrinterStatus status = printer.status();
                    read.add(PrinterTools.this.describe(printer, status));
                    summary.append(summary.isEmpty() ? "" : "; ").append(printer.name()).append(" is ")
                            .append(status.state().name().toLowerCase(Locale.ROOT));
                } catch (PrinterException | ToolException e) {
                    if (names.size() == 1) {
                        throw new ToolException(e.getMessage(), e);
                    }
                    read.addObject().put("printer", name).put("error", e.getMessage());
                }
            }
            return ToolResult.read(names.size() == 1 ? read.get(0) : read, summary.isEmpty() ? "No printer could be read" : summary.toString());
        }
    }

    /** {@code printer_control}: start a file, pause, resume, cancel, set a heater, home, switch the light. */
    private final class ControlTool implements Tool {

        private final JsonNode parameters = schema("""
                {"type":"object","additionalProperties":false,"required":["printer","action"],
                 "properties":{"printer":{"type":"string","description":"The printer's name"},
                  "action":{"type":"string","enum":["start","pause","resume","cancel","set_temperature","home","light"]},
                  "file":{"type":"string","description":"For start: a file already on the printer, by its name there"},
                  "on":{"type":"boolean","description":"For light: on or off"},
                  "heater":{"type":"string","enum":["tool0","tool1","bed","chamber"],"description":"For set_temperature"},
                  "celsius":{"type":"number","minimum":0,"maximum":350,"description":"For set_temperature; 0 turns the heater off"}}}""");

        @Override
        public String name() {
            return "printer_control";
        }

        @Override
        public String description() {
            return "Starts a file already on a 3D printer, pauses, resumes or cancels its print, sets a heater's target, homes its axes, "
                    + "or switches its light.";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.ACT;
        }

        @Override
        public Optional<String> needsConfirmation(JsonNode arguments) {
            return switch (arguments.path("action").asText()) {
                case "start" -> Optional.of("starting a print heats the nozzle and the bed and moves every axis");
                case "resume" -> Optional.of("resuming a print starts the heaters and the motors again");
                case "home" -> Optional.of("homing moves every axis");
                case "cancel" -> Optional.of("a cancelled print cannot be resumed, and the printer's cancel routine may move the head");
                case "set_temperature" -> Optional.of(arguments.path("celsius").asDouble(0) > 0
                        ? "it heats " + arguments.path("heater").asText("a heater")
                        : "turning a heater off during a print ruins it");
                default -> Optional.empty();
            };
        }

        @Override
        public String describe(JsonNode arguments) {
            String printer = arguments.path("printer").asText();
            return switch (arguments.path("action").asText()) {
                case "set_temperature" -> arguments.path("celsius").asDouble(0) > 0
                        ? "heat " + printer + "'s " + arguments.path("heater").asText() + " to " + arguments.path("celsius").asDouble() + " °C"
                        : "turn off " + printer + "'s " + arguments.path("heater").asText();
                case "cancel" -> "cancel the print on " + printer;
                case "home" -> "home " + printer + "'s axes";
                case "start" -> "print " + arguments.path("file").asText("a file") + " on " + printer;
                case "light" -> "turn " + printer + "'s light " + (arguments.path("on").asBoolean(true) ? "on" : "off");
                default -> arguments.path("action").asText() + " " + printer;
            };
        }

        @Override
        public String currentState(JsonNode arguments) {
            try {
                PrinterStatus status = printer(arguments.path("printer").asText()).status();
                return status.stateText() + status.job().map(job -> ", " + job.file() + " at " + Math.round(job.progress() * 100) + " %").orElse("");
            } catch (ToolException | PrinterException e) {
                return "not readable now: " + e.getMessage();
            }
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            Printer printer = printer(arguments.path("printer").asText());
            String action = arguments.path("action").asText();
            try {
                if (action.equals("home")) {
                    // Klipper homes mid-print, and OctoPrint while paused: the nozzle would be driven into the part.
                    PrinterStatus.State now = printer.status().state();
                    if (now != PrinterStatus.State.IDLE) {
                        throw new ToolException("Not homing " + printer.name() + ": it is " + now.name().toLowerCase(Locale.ROOT)
                                + ", and homing now could drive the nozzle into the part. Home it when it is idle.");
                    }
                }
                switch (action) {
                    case "start" -> {
                        if (arguments.path("file").asText("").isBlank()) {
                            throw new ToolException("start needs the file to print, by its name on the printer.");
                        }
                        printer.start(arguments.path("file").asText());
                    }
                    case "light" -> printer.light(arguments.path("on").asBoolean(true));
                    case "pause" -> printer.pause();
                    case "resume" -> printer.resume();
                    case "cancel" -> printer.cancel();
                    case "home" -> printer.home();
                    case "set_temperature" -> {
                        if (!arguments.hasNonNull("heater") || !arguments.hasNonNull("celsius")) {
                            throw new ToolException("set_temperature needs a heater (tool0, bed…) and celsius.");
                        }
                        printer.setTemperature(arguments.path("heater").asText(), arguments.path("celsius").asDouble());
                    }
                    default -> throw new ToolException("There is no printer action '" + action + "'.");
                }
            } catch (PrinterException e) {
                throw new ToolException(e.getMessage(), e);
            }
            String done = describe(arguments);
            ObjectNode forModel = json.createObjectNode().put("done", done);
            return new ToolResult(forModel, Character.toUpperCase(done.charAt(0)) + done.substring(1) + ": done", true, Optional.empty());
        }
    }
}
