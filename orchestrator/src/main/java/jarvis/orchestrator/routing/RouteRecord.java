package jarvis.orchestrator.routing;

import jarvis.orchestrator.events.CorrelationId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One turn's route, as stored: who answered and why (every signal and rule, in words), how fast, how many tokens
 * and what it cost. {@code cost} is null when the model has no price; local and fast-path turns cost zero.
 */
public record RouteRecord(String id, String conversationId, CorrelationId correlationId, Tier tier, String provider,
                          String model, Double score, boolean escalated, List<String> reasons, Long firstTokenMillis,
                          Long totalMillis, int tokensIn, int tokensOut, BigDecimal cost, Instant createdAt) {

    public RouteRecord {
        reasons = List.copyOf(reasons);
    }
}
