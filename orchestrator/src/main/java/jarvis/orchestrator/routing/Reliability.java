package jarvis.orchestrator.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A reliability diagram: the labelled local answers grouped by the score they had, and how often the person was
 * satisfied in each group. A well-calibrated rule puts each bin's point on the diagonal.
 */
public record Reliability(List<Bin> bins) {

    /** Scores in [from, to): how many answers, their mean score, and the share the person was satisfied with. */
    public record Bin(double from, double to, int answers, double meanScore, double satisfiedShare) {}

    /** One labelled answer: the score it had when it was routed, and the verdict. */
    public record Point(double score, boolean satisfied) {}

    public static Reliability of(List<Point> points, int binCount) {
        int[] counts = new int[binCount];
        double[] scores = new double[binCount];
        int[] satisfied = new int[binCount];
        for (Point point : points) {
            int bin = Math.min(binCount - 1, Math.max(0, (int) Math.floor(point.score() * binCount)));
            counts[bin]++;
            scores[bin] += point.score();
            satisfied[bin] += point.satisfied() ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < binCount; i++) {
            if (counts[i] > 0) {
                bins.add(new Bin((double) i / binCount, (double) (i + 1) / binCount, counts[i], scores[i] / counts[i],
                        (double) satisfied[i] / counts[i]));
            }
        }
        return new Reliability(List.copyOf(bins));
    }
}
