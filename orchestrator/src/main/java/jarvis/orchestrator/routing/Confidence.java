package jarvis.orchestrator.routing;

import java.util.List;

/** How sure Jarvis is of a local answer, in [0, 1], and every signal that moved the score, in words. */
public record Confidence(double score, boolean usedLogprobs, List<String> signals) {
    public Confidence {
        signals = List.copyOf(signals);
    }
}
