package jarvis.devices.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.tools.PrinterTools;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The printers' commands without a model, in the chat box and with {@code ./jarvis do}: "pause the Voron", "resume
 * the Prusa", "cancel the print on the Voron", "what is the Voron doing", "how long left on the Prusa". Each names a
 * printer that is in the book; the action goes through the printers' control tool and its runner, so resuming waits
 * for a person as it does when a model asks.
 */
public final class PrinterCommands implements CommandHandler {

    private static final Pattern ACT = Pattern.compile("^(?:please\\s+)?(pause|resume|continue|cancel|stop|abort)\\s+(?:the\\s+)?"
            + "(?:print(?:ing)?\\s+(?:on|of)\\s+(?:the\\s+)?)?(.+?)(?:'s)?(?:\\s+print(?:ing)?)?\\s*[.!]?$");
    private static final Pattern ASK = Pattern.compile("^(?:what(?:'s|\\s+is)\\s+(?:the\\s+)?(.+?)\\s+doing|how(?:'s|\\s+is)\\s+(?:the\\s+)?(.+?)\\s+"
            + "(?:doing|getting on)|how\\s+long\\s+(?:is\\s+)?left\\s+on\\s+(?:the\\s+)?(.+?)|when\\s+will\\s+(?:the\\s+)?(.+?)\\s+(?:be\\s+done|finish)"
            + "|(?:the\\s+)?(.+?)\\s+status)\\s*[?.!]?$");

    private final PrinterTools tools;
    private final ObjectMapper json = new ObjectMapper();
    private final RecentNames names;

    public PrinterCommands(Supplier<PrinterBook> book, PrinterTools tools) {
        this.tools = tools;
        this.names = new RecentNames(() -> book.get().entries().stream().map(PrinterBook.Entry::name).toList());
    }

    /** A command understood: what to do, and to which printer. */
    private record Command(String action, String printer) {}

    @Override
    public boolean matches(String text) {
        return parse(text).isPresent();
    }

    private Optional<Command> parse(String text) {
        String said = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher act = ACT.matcher(said);
        if (act.matches()) {
            String action = switch (act.group(1)) {
                case "continue" -> "resume";
                case "stop", "abort" -> "cancel";
                default -> act.group(1);
            };
            return printer(act.group(2)).map(printer -> new Command(action, printer));
        }
        Matcher ask = ASK.matcher(said);
        if (ask.matches()) {
            for (int group = 1; group <= ask.groupCount(); group++) {
                if (ask.group(group) != null) {
                    return printer(ask.group(group)).map(printer -> new Command("status", printer));
                }
            }
        }
        return Optional.empty();
    }

    /** The printer whose name these words are, whatever their case; empty when no printer is called that. */
    private Optional<String> printer(String words) {
        return names.find(words);
    }

    @Override
    public Handled carryOut(String text, ToolRunner runner, ToolRunner.Asker asker) {
        Optional<Command> command = parse(text);
        if (command.isEmpty()) {
            return new Handled("That is not a printer command I know: try \"pause the Voron\" or \"what is the Prusa doing\".", List.of(), false);
        }
        ObjectNode arguments = json.createObjectNode().put("printer", command.get().printer());
        if (!command.get().action().equals("status")) {
            arguments.put("action", command.get().action());
            ToolRunner.Ran ran = runner.run(tools.control(), arguments, asker);
            return new Handled(ran.card().summary(), List.of(ran.card()), ran.card().status() == ToolRunner.Status.DONE);
        }
        ToolRunner.Ran ran = runner.run(tools.status(), arguments, asker);
        if (ran.card().status() != ToolRunner.Status.DONE) {
            return new Handled(ran.card().summary(), List.of(ran.card()), false);
        }
        return new Handled(said(ran.forModel()), List.of(ran.card()), true);
    }

    /** "Voron is printing bracket.gcode: 42 %, 1 h 5 min left. Nozzle 215 °C (to 215), bed 60 °C (to 60)." */
    private static String said(JsonNode read) {
        StringBuilder answer = new StringBuilder(read.path("printer").asText()).append(" is ").append(read.path("state").asText());
        JsonNode job = read.path("job");
        if (!job.isMissingNode()) {
            answer.append(' ').append(job.path("file").asText()).append(": ").append(Math.round(job.path("progress_percent").asDouble()))
                    .append(" %");
            if (job.has("minutes_left")) {
                long minutes = job.path("minutes_left").asLong();
                answer.append(", ").append(minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min").append(" left");
            } else {
                answer.append(", no estimate of the time left yet");
            }
        }
        answer.append('.');
        List<String> heaters = new ArrayList<>();
        read.path("temperatures").properties().forEach(heater -> heaters.add((heater.getKey().startsWith("tool") ? "nozzle" : heater.getKey())
                + " " + Math.round(heater.getValue().path("actual").asDouble()) + " °C"
                + (heater.getValue().path("target").asDouble() > 0 ? " (to " + Math.round(heater.getValue().path("target").asDouble()) + ")" : "")));
        if (!heaters.isEmpty()) {
            answer.append(' ').append(Character.toUpperCase(heaters.getFirst().charAt(0))).append(String.join(", ", heaters).substring(1)).append('.');
        }
        return answer.toString();
    }
}
