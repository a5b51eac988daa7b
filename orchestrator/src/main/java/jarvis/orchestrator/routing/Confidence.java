package jarvis.orchestrator.routing;

import java.util.List;

/**
 * How sure Jarvis is of a local answer, in [0, 1]: the probability, by {@code rule}, that the person is satisfied
 * with it. {@code features} are kept with the route so that the rule can learn; {@code signals} say in words what
 * moved the score.
 */
public record Confidence(double score, ScoreFeatures features, String rule, List<String> signals) {
    public Confidence {
        signals = List.copyOf(signals);
    }

    public boolean usedLogprobs() {
        return features.hasLogprobs();
    }
}
