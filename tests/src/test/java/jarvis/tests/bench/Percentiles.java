package jarvis.tests.bench;

import java.util.List;
import java.util.Locale;

/** p50 and p95 of a list of nanosecond samples, printed in milliseconds. */
record Percentiles(double p50, double p95) {

    static Percentiles ofNanos(List<Long> samples) {
        List<Long> sorted = samples.stream().sorted().toList();
        return new Percentiles(sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms", p50, p95);
    }
}
