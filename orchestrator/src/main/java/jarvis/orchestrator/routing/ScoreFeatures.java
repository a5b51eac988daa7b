package jarvis.orchestrator.routing;

import java.util.List;

/**
 * What a local answer's score is computed from, kept with its route so that the rule can later be fitted to the
 * person's own verdicts. The token quantiles are zero when the server sent no probabilities. A short answer (under
 * {@link #SHORT_ANSWER_TOKENS} tokens) is read on its own terms: a model that knows a short fact is sure of nearly
 * every token, while a long answer's quantiles hold its ordinary word choices.
 */
public record ScoreFeatures(boolean hasLogprobs, int tokens, double p10, double p25, double p50, double margin25, boolean shortAnswer,
                            boolean governingHedge, boolean openingHedge, boolean refusal, boolean truncated,
                            boolean invalidToolCall, boolean freshWorld) {

    public static final int SHORT_ANSWER_TOKENS = 32;

    /** Positions in {@link #vector()} of the signs, for the weight each carries. */
    static final int GOVERNING_HEDGE = 7;
    static final int OPENING_HEDGE = 8;
    static final int REFUSAL = 9;
    static final int TRUNCATED = 10;
    static final int INVALID_TOOL_CALL = 11;
    static final int FRESH_WORLD = 12;

    /** The names of {@link #vector()}'s entries, in order, for reasons and for the calibration report. */
    public static final List<String> NAMES = List.of("with probabilities", "10th percentile", "25th percentile", "median",
            "margin 25th percentile", "short answer", "without probabilities", "hedging", "opening hedge", "refusal", "cut by length",
            "invalid tool call", "fresh information");

    /** The inputs of the logistic rule: an intercept with and one without probabilities, the quantiles, the signs. */
    public double[] vector() {
        double with = hasLogprobs ? 1 : 0;
        return new double[] {with, with * p10, with * p25, with * p50, with * margin25, with * flag(shortAnswer), 1 - with, flag(governingHedge),
                flag(openingHedge), flag(refusal), flag(truncated), flag(invalidToolCall), flag(freshWorld)};
    }

    private static double flag(boolean on) {
        return on ? 1 : 0;
    }
}
