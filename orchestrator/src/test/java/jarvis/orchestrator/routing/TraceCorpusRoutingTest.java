package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default rule against traces shaped like real models' output: it keeps at least 90 % of the confident ones
 * local and sends at least 90 % of the unsure ones to the cloud (and no class of either falls below 85 %: short
 * unsure answers are the hardest, as few tokens say little), and keeps every real confident trace local.
 */
class TraceCorpusRoutingTest {

    private static final double THRESHOLD = 0.7;
    private static final int PER_KIND = 400;

    private final ConfidenceScorer scorer = new ConfidenceScorer();

    /**
     * The default weights were chosen on traces from this generator; the seeds here are not the ones they were chosen
     * on, so the rule is judged on traces it has not seen.
     */
    @ParameterizedTest
    @ValueSource(longs = {20261130L, 7L, 424242L})
    void theDefaultRuleKeepsConfidentAnswersLocalAndEscalatesUnsureOnes(long seed) {
        Map<TraceCorpus.Kind, int[]> matrix = new EnumMap<>(TraceCorpus.Kind.class);
        for (TraceCorpus.Trace trace : TraceCorpus.generate(PER_KIND, seed)) {
            double score = scorer.score(trace.question(), trace.answer(), List.of(), ScoringRule.DEFAULT).score();
            matrix.computeIfAbsent(trace.kind(), kind -> new int[2])[score >= THRESHOLD ? 0 : 1]++;
        }
        System.out.println("seed " + seed + "\n" + confusion(matrix));

        int keptConfident = 0;
        int confident = 0;
        int escalatedUnsure = 0;
        int unsure = 0;
        for (Map.Entry<TraceCorpus.Kind, int[]> row : matrix.entrySet()) {
            int[] counts = row.getValue();
            switch (row.getKey().want) {
                case LOCAL -> {
                    keptConfident += counts[0];
                    confident += counts[0] + counts[1];
                    assertThat(share(counts[0], counts)).as("%s kept local", row.getKey()).isGreaterThanOrEqualTo(0.85);
                }
                case CLOUD -> {
                    escalatedUnsure += counts[1];
                    unsure += counts[0] + counts[1];
                    assertThat(share(counts[1], counts)).as("%s escalated", row.getKey()).isGreaterThanOrEqualTo(0.85);
                }
                case EITHER -> { }
            }
        }
        assertThat((double) keptConfident / confident).isGreaterThanOrEqualTo(0.9);
        assertThat((double) escalatedUnsure / unsure).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void realConfidentTracesStayLocal() throws IOException {
        JsonNode traces;
        try (InputStream in = getClass().getResourceAsStream("real-traces.json")) {
            traces = new ObjectMapper().readTree(in);
        }
        assertThat(traces).isNotEmpty();
        for (JsonNode trace : traces) {
            List<TokenLogprob> tokens = new ArrayList<>();
            for (JsonNode logprob : trace.path("logprobs")) {
                tokens.add(new TokenLogprob("t", logprob.asDouble()));
            }
            ChatResult answer = new ChatResult("real", trace.path("answer").asText(), "", List.of(), Usage.NONE, FinishReason.STOP, tokens);
            Confidence confidence = scorer.score(trace.path("question").asText(), answer, List.of(), ScoringRule.DEFAULT);
            System.out.printf(Locale.ROOT, "real trace %-20s score %.2f (%s)%n", trace.path("name").asText(), confidence.score(),
                    trace.path("expected").asText());
            assertThat(confidence.score()).as(trace.path("name").asText()).isGreaterThanOrEqualTo(THRESHOLD);
        }
    }

    private static double share(int part, int[] counts) {
        return (double) part / (counts[0] + counts[1]);
    }

    private static String confusion(Map<TraceCorpus.Kind, int[]> matrix) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %-7s %6s %9s%n", "traces", "want", "local", "escalated"));
        matrix.forEach((kind, counts) -> table.append(String.format(Locale.ROOT, "%-16s %-7s %6d %9d%n", kind, kind.want, counts[0], counts[1])));
        return table.toString();
    }
}
