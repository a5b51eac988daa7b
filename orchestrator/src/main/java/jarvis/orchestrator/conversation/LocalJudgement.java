package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.routing.Confidence;
import jarvis.orchestrator.routing.ConfidenceScorer;
import jarvis.orchestrator.routing.EscalationPolicy;
import jarvis.orchestrator.routing.ScoringRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The score and escalate steps of a turn: what the local attempt amounted to, its confidence by the model's
 * scoring rule, and whether the cloud model takes over. The gate (and the spend it reads) is consulted only when
 * something would escalate.
 */
record LocalJudgement(EscalationPolicy.Local outcome, Confidence confidence, EscalationPolicy.Verdict verdict) {

    private static final ConfidenceScorer SCORER = new ConfidenceScorer();

    static LocalJudgement of(String question, ModelAttempt.Outcome local, List<ToolSpec> tools, ScoringRule rule, double threshold, long firstTokenTimeout,
                             Supplier<Optional<String>> refusal) {
        Confidence confidence = null;
        EscalationPolicy.Local outcome;
        if (local.answer() != null && !local.slow()) {
            confidence = SCORER.score(question, local.answer(), tools, rule);
            outcome = EscalationPolicy.Local.ANSWERED;
        } else if (local.slow()) {
            outcome = EscalationPolicy.Local.SLOW;
        } else {
            outcome = switch (local.failure().kind()) {
                case UNREACHABLE -> EscalationPolicy.Local.DOWN;
                case STREAM_CUT -> EscalationPolicy.Local.CUT;
                case STALLED -> EscalationPolicy.Local.STALLED;
                default -> EscalationPolicy.Local.FAILED;
            };
        }
        double score = confidence == null ? 0 : confidence.score();
        boolean wouldEscalate = outcome != EscalationPolicy.Local.ANSWERED || score < threshold;
        EscalationPolicy.Verdict verdict = EscalationPolicy.decide(new EscalationPolicy.Situation(outcome, score, threshold, false,
                wouldEscalate ? refusal.get() : Optional.empty(), firstTokenTimeout, local.tokens()));
        return new LocalJudgement(outcome, confidence, verdict);
    }

    /** The reasons to record, in order: the score's signals, then the verdict. */
    List<String> reasons(ModelAttempt.Outcome local) {
        List<String> reasons = new ArrayList<>();
        if (confidence != null) {
            reasons.addAll(confidence.signals());
        } else if (local.failure() != null) {
            reasons.add("the local model could not answer: " + local.failure().getMessage());
        }
        reasons.add(verdict.reason());
        return reasons;
    }
}
