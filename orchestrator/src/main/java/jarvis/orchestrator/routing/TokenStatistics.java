package jarvis.orchestrator.routing;

import jarvis.orchestrator.models.TokenLogprob;
import java.util.Arrays;
import java.util.List;

/**
 * A reply's token probabilities summarised by quantiles, so that a long answer and a short one are judged alike:
 * a 400-token answer always holds a few unlikely word choices, and its lowest token says little about it
 * (Gupta et al., "Language Model Cascades: Token-level uncertainty and beyond", ICLR 2024).
 *
 * <p>{@code margin} is the probability of the chosen token minus that of the best other candidate, per token (below
 * zero when a less likely token was sampled). Where
 * the server sent no runner-up, {@code max(0, 2p − 1)} stands in for it: the margin a token of probability p has
 * when all the rest of the mass sits on one other candidate, the smallest margin p allows.
 */
public record TokenStatistics(int tokens, double p10, double p25, double p50, double margin25, boolean measuredMargins) {

    /** The statistics of {@code logprobs}, or null when there are none. */
    public static TokenStatistics of(List<TokenLogprob> logprobs) {
        int n = logprobs.size();
        if (n == 0) {
            return null;
        }
        double[] probabilities = new double[n];
        double[] margins = new double[n];
        int measured = 0;
        for (int i = 0; i < n; i++) {
            TokenLogprob token = logprobs.get(i);
            double p = Math.exp(Math.min(0, token.logprob()));
            probabilities[i] = p;
            if (token.hasRunnerUp()) {
                double other = Math.exp(Math.min(0, token.runnerUpLogprob()));
                margins[i] = p - other;
                measured++;
            } else {
                margins[i] = Math.max(0, 2 * p - 1);
            }
        }
        Arrays.sort(probabilities);
        Arrays.sort(margins);
        return new TokenStatistics(n, quantile(probabilities, 0.10), quantile(probabilities, 0.25), quantile(probabilities, 0.50),
                quantile(margins, 0.25), measured * 2 >= n);
    }

    /** The q-quantile of sorted values, interpolated between neighbours (Hyndman and Fan's type 7). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
