package jarvis.app.cli;

import jarvis.orchestrator.routing.Calibrator;
import jarvis.orchestrator.routing.Reliability;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.routing.ScoreFeatures;
import jarvis.orchestrator.routing.ScoringRule;
import jarvis.orchestrator.routing.Tier;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code jarvis routes}: every route decision in a period, and the share answered on this machine. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Shows the route records: who answered each turn and why, timings, tokens and cost; then the share answered locally.")
final class RoutesCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand JarvisCommand root;
    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "How far back: 30m, 24h, 7d or an ISO duration such as PT2H (default: ${DEFAULT-VALUE}).")
    Duration since;
    @Option(names = "--calibration", description = "Shows what the router has learnt from your verdicts: labels, the rule per local model and its reliability diagram.")
    boolean calibration;

    /** Reads 30m, 24h, 7d or ISO-8601 durations. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return Duration.parse(text.toUpperCase(Locale.ROOT));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new TypeConversionException("");
                };
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a duration; write 30m, 24h, 7d or PT2H");
            }
        }
    }

    @Override
    public Integer call() {
        if (calibration) {
            return printCalibration(root.core().openStorage().conversations().feedback(), root.out());
        }
        List<RouteRecord> routes = root.core().openStorage().conversations().routes().since(Instant.now().minus(since));
        PrintWriter out = root.out();
        Table table = new Table("WHEN", "TIER", "MODEL", "SCORE", "ESC", "FIRST", "TOTAL", "TOKENS", "COST", "WHY");
        for (RouteRecord route : routes) {
            table.row(TIME.format(route.createdAt()), route.tier().label(), route.model() == null ? "-" : route.model(),
                    route.score() == null ? "-" : String.format(Locale.ROOT, "%.2f", route.score()), route.escalated() ? "yes" : "",
                    millis(route.firstTokenMillis()), millis(route.totalMillis()), route.tokensIn() + "/" + route.tokensOut(),
                    route.cost() == null ? "unpriced" : "$" + route.cost().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                    route.reasons().isEmpty() ? "" : route.reasons().getLast());
        }
        table.print(out);
        long local = routes.stream().filter(route -> route.tier() != Tier.CLOUD).count();
        BigDecimal spent = routes.stream().map(RouteRecord::cost).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        out.printf(Locale.ROOT, "%d turn(s); %s answered on this machine; cloud spend $%s%n", routes.size(),
                routes.isEmpty() ? "none" : Math.round(100.0 * local / routes.size()) + "%", spent.setScale(4, RoundingMode.HALF_UP).toPlainString());
        return 0;
    }

    private static int printCalibration(RouterFeedback feedback, PrintWriter out) {
        List<RouterFeedback.ModelCalibration> models = feedback.calibrations();
        if (models.isEmpty()) {
            out.println("No verdicts yet: every local model uses the default rule. Rate replies with thumbs up or down in the chat;");
            out.println("Ask the cloud and Regenerate after a local answer count as not satisfied. From " + Calibrator.MINIMUM_LABELS
                    + " verdicts on a model, its rule is fitted to them.");
            return 0;
        }
        for (RouterFeedback.ModelCalibration model : models) {
            out.printf(Locale.ROOT, "%s: %d verdict(s), %d satisfied; scored by %s%n", model.model(), model.labels(), model.satisfied(),
                    model.rule().source());
            Table weights = new Table("FEATURE", "WEIGHT", "DEFAULT");
            for (int i = 0; i < ScoreFeatures.NAMES.size(); i++) {
                weights.row(ScoreFeatures.NAMES.get(i), String.format(Locale.ROOT, "%+.2f", model.rule().weight(i)),
                        String.format(Locale.ROOT, "%+.2f", ScoringRule.DEFAULT.weight(i)));
            }
            weights.print(out);
            Table diagram = new Table("SCORE", "ANSWERS", "MEAN SCORE", "SATISFIED");
            for (Reliability.Bin bin : model.reliability().bins()) {
                diagram.row(String.format(Locale.ROOT, "%.1f-%.1f", bin.from(), bin.to()), Integer.toString(bin.answers()),
                        String.format(Locale.ROOT, "%.2f", bin.meanScore()), Math.round(100 * bin.satisfiedShare()) + "%");
            }
            diagram.print(out);
        }
        return 0;
    }

    private static String millis(Long value) {
        return value == null ? "-" : value + " ms";
    }
}
