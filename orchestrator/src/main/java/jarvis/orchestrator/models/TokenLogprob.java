package jarvis.orchestrator.models;

/**
 * The natural-log probability the model gave the token it produced, and that of the best other candidate at the
 * same place ({@code runnerUpLogprob}, NaN when the server sent no {@code top_logprobs}).
 */
public record TokenLogprob(String token, double logprob, double runnerUpLogprob) {

    public TokenLogprob(String token, double logprob) {
        this(token, logprob, Double.NaN);
    }

    public boolean hasRunnerUp() {
        return !Double.isNaN(runnerUpLogprob);
    }
}
