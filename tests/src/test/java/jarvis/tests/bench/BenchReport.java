package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's figures: printed, written to {@code target/bench/NAME.json}, and checked against their goals. A figure
 * over its goal is reported; only one beyond three times its goal fails the build (a real breakage, not a noisy
 * machine).
 */
final class BenchReport {

    static final double BREAKAGE_FACTOR = 3.0;

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();

    BenchReport(String name) {
        this.name = name;
    }

    /** A figure kept for the record, without a goal. */
    BenchReport figure(String key, Object value) {
        figures.put(key, value instanceof Double number ? round(number) : value);
        lines.add(key + " " + (value instanceof Double number ? String.format(Locale.ROOT, "%.2f", number) : value));
        return this;
    }

    /** A figure whose goal is an upper bound: {@code value <= goal}. */
    BenchReport atMost(String key, double value, double goal, String unit) {
        return atMost(key, value, goal, unit, goal * BREAKAGE_FACTOR);
    }

    /**
     * The same, for a goal not met yet, with the line beyond which the build fails drawn from where the figure stands
     * today ({@code breaksAt}) rather than from the goal: a real breakage is still caught, and the report still says
     * the goal is not met.
     */
    BenchReport atMost(String key, double value, double goal, String unit, double breaksAt) {
        boolean met = value <= goal;
        figures.put(key, Map.of("value", round(value), "goal", goal, "unit", unit, "met", met));
        lines.add(String.format(Locale.ROOT, "%s %.2f %s (goal <= %.2f: %s)", key, value, unit, goal, met ? "met" : "NOT met"));
        if (value > breaksAt) {
            broken.add(String.format(Locale.ROOT, "%s is %.2f %s, beyond %.2f (its goal is %.2f)", key, value, unit, breaksAt, goal));
        }
        return this;
    }

    /** A figure whose goal is a lower bound: {@code value >= goal}; the build fails below a third of the goal. */
    BenchReport atLeast(String key, double value, double goal, String unit) {
        boolean met = value >= goal;
        figures.put(key, Map.of("value", round(value), "goal", goal, "unit", unit, "met", met, "atLeast", true));
        lines.add(String.format(Locale.ROOT, "%s %.2f %s (goal >= %.2f: %s)", key, value, unit, goal, met ? "met" : "NOT met"));
        if (value < goal / BREAKAGE_FACTOR) {
            broken.add(String.format(Locale.ROOT, "%s is %.2f %s, below %.2f (its goal is %.2f)", key, value, unit, goal / BREAKAGE_FACTOR, goal));
        }
        return this;
    }

    /** Prints the figures, writes them to {@code target/bench/NAME.json}, and fails on a figure beyond three times its goal. */
    void finish() throws IOException {
        Path out = Path.of("target", "bench", name + ".json");
        Files.createDirectories(out.getParent());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", name);
        document.put("figures", figures);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
        System.out.printf("BENCH %s: %s; written to %s%n", name, String.join("; ", lines), out.toAbsolutePath());
        assertThat(broken).as("figures past the line where the build fails (%sx the goal, unless drawn elsewhere)", BREAKAGE_FACTOR).isEmpty();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
