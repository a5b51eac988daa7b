package jarvis.orchestrator.routing;

import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.ToolCheck;
import jarvis.orchestrator.models.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores a local answer: the quantiles of its token probabilities (reasoning tokens never count: the Ollama provider
 * passes on only the probabilities from the answer's first text or tool call on) and the warning signs in its words go through a logistic {@link ScoringRule}, the default one or
 * one fitted to the person's verdicts on this model. The result is the probability the person is satisfied.
 */
public final class ConfidenceScorer {

    public Confidence score(String question, ChatResult answer, List<ToolSpec> tools, ScoringRule rule) {
        List<String> signals = new ArrayList<>();
        TokenStatistics statistics = TokenStatistics.of(answer.logprobs());
        if (statistics == null) {
            signals.add("the server sent no token probabilities; the rule starts from its prior");
        } else {
            signals.add(String.format(Locale.ROOT, "token probabilities over %d tokens: median %.2f, 25th percentile %.2f, "
                            + "10th percentile %.2f; margin over the next candidate, 25th percentile %.2f%s", statistics.tokens(),
                    statistics.p50(), statistics.p25(), statistics.p10(), statistics.margin25(),
                    statistics.measuredMargins() ? "" : " (estimated: no top_logprobs)"));
        }
        AnswerEvidence.Signs signs = AnswerEvidence.read(question, answer.text());
        Optional<String> invalidTool = answer.toolCalls().stream().map(call -> ToolCheck.invalid(call, tools).map(why -> call.name() + ": " + why))
                .flatMap(Optional::stream).findFirst();
        boolean truncated = answer.finishReason() == FinishReason.LENGTH;
        boolean refusal = answer.finishReason() == FinishReason.REFUSAL || signs.refusal().isPresent();
        ScoreFeatures features = new ScoreFeatures(statistics != null, statistics == null ? 0 : statistics.tokens(),
                statistics == null ? 0 : statistics.p10(), statistics == null ? 0 : statistics.p25(),
                statistics == null ? 0 : statistics.p50(), statistics == null ? 0 : statistics.margin25(),
                statistics != null && statistics.tokens() < ScoreFeatures.SHORT_ANSWER_TOKENS,
                signs.governingHedge().isPresent(), signs.openingHedge().isPresent(), refusal, truncated, invalidTool.isPresent(),
                signs.freshWorld().isPresent());
        if (answer.text().isBlank() && answer.toolCalls().isEmpty()) {
            signals.add("the answer is empty → 0");
            return new Confidence(0, features, rule.source(), signals);
        }
        signs.governingHedge().ifPresent(words -> signals.add(evidence("the answer says it is unsure (\"" + words + "\")", rule, ScoreFeatures.GOVERNING_HEDGE)));
        signs.openingHedge().ifPresent(words -> signals.add(evidence("the answer opens with a hedge (\"" + words + "\")", rule, ScoreFeatures.OPENING_HEDGE)));
        if (refusal) {
            signals.add(evidence("the answer refuses" + signs.refusal().map(words -> " (\"" + words + "\")").orElse(""), rule, ScoreFeatures.REFUSAL));
        }
        if (truncated) {
            signals.add(evidence("the length limit cut the answer", rule, ScoreFeatures.TRUNCATED));
        }
        invalidTool.ifPresent(why -> signals.add(evidence("a tool call is not valid (" + why + ")", rule, ScoreFeatures.INVALID_TOOL_CALL)));
        signs.freshWorld().ifPresent(words -> signals.add(evidence("the question asks about the world now (\"" + words + "\")", rule, ScoreFeatures.FRESH_WORLD)));
        double score = rule.probability(features);
        signals.add(String.format(Locale.ROOT, "score %.2f by %s", score, rule.source()));
        return new Confidence(score, features, rule.source(), signals);
    }

    private static String evidence(String why, ScoringRule rule, int index) {
        return String.format(Locale.ROOT, "%s: log-odds %+.1f", why, rule.weight(index));
    }
}
