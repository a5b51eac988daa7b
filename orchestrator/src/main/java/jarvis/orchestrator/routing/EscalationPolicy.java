package jarvis.orchestrator.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a turn goes to the cloud model. It does when the local answer scores below the threshold, when Ollama is
 * down or too slow, or when the person asks, and never when the escalation gate refuses (a private conversation,
 * offline mode, no cloud model, the budget). Every verdict says why, in words that go into the route record.
 */
public final class EscalationPolicy {

    /**
     * What happened locally: an answer; nothing reachable; a server error; an answer the server cut off or that
     * stopped arriving part-way; no first token in time; or no local attempt at all.
     */
    public enum Local { ANSWERED, DOWN, FAILED, CUT, STALLED, SLOW, SKIPPED }

    /**
     * The facts of one turn. {@code refusal} is the gate's reason not to escalate, if it has one; {@code tokens} how
     * many tokens of a cut-off answer had arrived.
     */
    public record Situation(Local local, double score, double threshold, boolean askedForCloud, Optional<String> refusal,
                            long firstTokenTimeoutSeconds, int tokens) {

        public Situation(Local local, double score, double threshold, boolean askedForCloud, Optional<String> refusal,
                         long firstTokenTimeoutSeconds) {
            this(local, score, threshold, askedForCloud, refusal, firstTokenTimeoutSeconds, 0);
        }
    }

    /** Go to the cloud or not, and why. */
    public record Verdict(boolean escalate, String reason) {}

    private EscalationPolicy() {}

    public static Verdict decide(Situation s) {
        String trigger;
        if (s.askedForCloud()) {
            trigger = "you asked for the cloud model";
        } else {
            switch (s.local()) {
                case DOWN -> trigger = "the local model could not be reached";
                case FAILED -> trigger = "the local model failed";
                case CUT -> trigger = "the local answer was cut off by the server after " + tokens(s.tokens());
                case STALLED -> trigger = "the local answer stopped arriving after " + tokens(s.tokens());
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

    /** "1 token", "12 tokens". */
    public static String tokens(int count) {
        return count + (count == 1 ? " token" : " tokens");
    }
}
