package jarvis.orchestrator.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a turn goes to the cloud model. It does when the local answer scores below the threshold, when Ollama is
 * down or too slow, or when the person asks, and never when the escalation gate refuses (a private conversation,
 * offline mode, no cloud model, the budget). Every verdict says why, in words that go into the route record.
 */
public final class EscalationPolicy {

    /** What happened locally. */
    public enum Local { ANSWERED, DOWN, SLOW, SKIPPED }

    /** The facts of one turn. {@code refusal} is the gate's reason not to escalate, if it has one. */
    public record Situation(Local local, double score, double threshold, boolean askedForCloud, Optional<String> refusal,
                            long firstTokenTimeoutSeconds) {}

    /** Go to the cloud or not, and why. */
    public record Verdict(boolean escalate, String reason) {}

    private EscalationPolicy() {}

    public static Verdict decide(Situation s) {
        String trigger;
        if (s.askedForCloud()) {
            trigger = "the person asked for the cloud model";
        } else {
            switch (s.local()) {
                case DOWN -> trigger = "the local model could not be reached";
                case SLOW -> trigger = "the local model gave no first token within " + s.firstTokenTimeoutSeconds() + " s";
                case ANSWERED -> {
                    if (s.score() >= s.threshold()) {
                        return new Verdict(false, String.format(Locale.ROOT, "local score %.2f ≥ threshold %.2f", s.score(), s.threshold()));
                    }
                    trigger = String.format(Locale.ROOT, "local score %.2f < threshold %.2f", s.score(), s.threshold());
                }
                default -> trigger = "no local answer";
            }
        }
        return s.refusal()
                .map(why -> new Verdict(false, trigger + ", but not escalated: " + why))
                .orElseGet(() -> new Verdict(true, trigger + ": escalated"));
    }
}
