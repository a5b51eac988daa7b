package jarvis.orchestrator.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** The rules no score overrides: what must hold before anything leaves this machine. */
public final class EscalationGate {

    /** What the gate looks at. {@code estimatedCost} is null when the model has no price. */
    public record Facts(boolean privateConversation, boolean offline, String provider, String model, boolean keyPresent,
                        BigDecimal spentToday, BigDecimal spentThisMonth, BigDecimal estimatedCost,
                        double dailyBudget, double monthlyBudget) {}

    private EscalationGate() {}

    /** The reason not to escalate, or empty when escalation is allowed. */
    public static Optional<String> refusal(Facts facts) {
        if (facts.privateConversation()) {
            return Optional.of("the conversation is private");
        }
        if (facts.offline()) {
            return Optional.of("offline mode is on");
        }
        if (facts.provider() == null || facts.provider().equals("none") || facts.model() == null || facts.model().isBlank()) {
            return Optional.of("no cloud model is configured (Settings → Cloud model)");
        }
        if (!facts.keyPresent()) {
            return Optional.of("the " + facts.provider() + " API key is not set (Settings → Secrets)");
        }
        if (facts.estimatedCost() == null) {
            return Optional.of("cloud.prices has no price for " + facts.model() + ", so the budget cannot be kept; add one in Settings");
        }
        BigDecimal daily = BigDecimal.valueOf(facts.dailyBudget());
        if (facts.spentToday().add(facts.estimatedCost()).compareTo(daily) > 0) {
            return Optional.of("the daily budget of " + usd(daily) + " would be exceeded (" + usd(facts.spentToday()) + " spent today)");
        }
        BigDecimal monthly = BigDecimal.valueOf(facts.monthlyBudget());
        if (facts.spentThisMonth().add(facts.estimatedCost()).compareTo(monthly) > 0) {
            return Optional.of("the monthly budget of " + usd(monthly) + " would be exceeded (" + usd(facts.spentThisMonth())
                    + " spent this month)");
        }
        return Optional.empty();
    }

    static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
