package jarvis.orchestrator.routing;

import java.util.Arrays;
import java.util.List;

/**
 * A logistic rule from {@link ScoreFeatures} to the probability that the person is satisfied with a local answer.
 * The default rule's weights are written down in docs/decisions/0011-confidence-from-token-quantiles.md; a rule
 * fitted to the person's labels replaces it per model ({@link Calibrator}).
 *
 * @param source in words, for route reasons: "the default rule" or "the rule calibrated for llama3.2 from 42 of your verdicts"
 */
public record ScoringRule(String source, List<Double> weights) {

    /**
     * With probabilities: −6.5 + 3·p10 + 2·p25 + 6·p50 + 0.25·margin25, −1 for a short answer. A long confident answer
     * (median 0.9, a tenth of its tokens below about 0.37) lands near 0.78; an unsure one (median 0.65) near 0.2.
     * Without probabilities the rule starts at 0.8. Each sign then moves the log-odds by its own weight. How these
     * were chosen: docs/decisions/0011-confidence-from-token-quantiles.md.
     */
    public static final ScoringRule DEFAULT = new ScoringRule("the default rule",
            List.of(-6.5, 3.0, 2.0, 6.0, 0.25, -1.0, 1.386, -2.5, -0.8, -3.5, -2.0, -3.0, -1.5));

    public ScoringRule {
        weights = List.copyOf(weights);
        if (weights.size() != ScoreFeatures.NAMES.size()) {
            throw new IllegalArgumentException("A scoring rule has " + ScoreFeatures.NAMES.size() + " weights, not " + weights.size());
        }
    }

    public double logOdds(ScoreFeatures features) {
        double[] x = features.vector();
        double z = 0;
        for (int i = 0; i < x.length; i++) {
            z += weights.get(i) * x[i];
        }
        return z;
    }

    public double probability(ScoreFeatures features) {
        return sigmoid(logOdds(features));
    }

    /** The weight of the feature at {@code index} in {@link ScoreFeatures#NAMES}. */
    public double weight(int index) {
        return weights.get(index);
    }

    double[] array() {
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static ScoringRule of(String source, double[] weights) {
        return new ScoringRule(source, Arrays.stream(weights).boxed().toList());
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
