package jarvis.orchestrator.routing;

import jarvis.orchestrator.events.CorrelationId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One turn's route, as stored: who answered and why (every signal and rule, in words), how fast, how many tokens
 * and what it cost. {@code cost} is null when the model has no price; local and fast-path turns cost zero.
 * {@code scoredModel} and {@code features} describe the local answer that was scored, when there was one (for an
 * escalated turn too), so that the person's verdict can teach the rule; {@code usageEstimated} says the token
 * counts are Jarvis's estimate because the server sent none.
 */
public record RouteRecord(String id, String conversationId, CorrelationId correlationId, Tier tier, String provider,
                          String model, Double score, boolean escalated, List<String> reasons, Long firstTokenMillis,
                          Long totalMillis, int tokensIn, int tokensOut, BigDecimal cost, Instant createdAt,
                          String scoredModel, ScoreFeatures features, boolean usageEstimated) {

    public RouteRecord {
        reasons = List.copyOf(reasons);
    }
}
