package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jarvis.orchestrator.tools.AuditEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis audit [--since 24h]}: every action taken on devices (and later printers), who asked, who confirmed, what came of it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Lists the actions Jarvis took or refused: time, request, who proposed it, tool, arguments, hazard, confirmation, result.")
final class AuditCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand JarvisCommand root;
    @Option(names = "--since", paramLabel = "AGE", defaultValue = "24h",
            description = "How far back: 30m, 24h, 7d (default ${DEFAULT-VALUE}).") String since;
    @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;

    @Override
    public Integer call() throws Exception {
        Duration age;
        try {
            age = age(since);
        } catch (IllegalArgumentException e) {
            root.err().println("jarvis: --since " + since + " is not an age; write it like 30m, 24h or 7d.");
            return JarvisCommand.BAD_INPUT;
        }
        List<AuditEntry> entries = root.core().openStorage().audit().since(Instant.now().minus(age));
        PrintWriter out = root.out();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode list = mapper.createArrayNode();
            entries.forEach(entry -> list.addObject().put("at", entry.at().toString()).put("request", entry.request())
                    .put("route", entry.routeId()).put("requested_by", entry.requestedBy()).put("tool", entry.tool())
                    .put("arguments", entry.arguments()).put("hazard", entry.hazard().name()).put("confirmation", entry.confirmation().name())
                    .put("confirmed_by", entry.confirmedBy()).put("confirmed_at", entry.confirmedAt() == null ? null : entry.confirmedAt().toString())
                    .put("ok", entry.ok()).put("result", entry.result()));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        Table table = new Table("TIME", "REQUEST", "BY", "TOOL", "HAZARD", "CONFIRMATION", "RESULT");
        entries.forEach(entry -> table.row(TIME.format(entry.at()), entry.request(), entry.requestedBy(), entry.tool(), entry.hazard().name(),
                entry.confirmation().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (entry.confirmedBy() == null ? "" : " by " + entry.confirmedBy()),
                entry.result()));
        table.print(out);
        out.println(entries.size() + " action" + (entries.size() == 1 ? "" : "s") + " in the last " + since + ".");
        return 0;
    }

    static Duration age(String text) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*([mhd])").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
