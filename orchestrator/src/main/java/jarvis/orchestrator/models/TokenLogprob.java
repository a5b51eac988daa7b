package jarvis.orchestrator.models;

/** The natural-log probability the model gave the token it produced. */
public record TokenLogprob(String token, double logprob) {}
