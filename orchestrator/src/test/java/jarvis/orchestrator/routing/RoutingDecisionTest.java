package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The router's decisions as a table: scores, privacy, offline, budget, down, slow, asked. */
class RoutingDecisionTest {

    private static final Optional<String> ALLOWED = Optional.empty();

    private static EscalationGate.Facts facts(boolean privately, boolean offline, String provider, boolean key,
                                              String spentToday, String spentMonth, String estimate) {
        return new EscalationGate.Facts(privately, offline, provider, "claude-sonnet-4-5", key, new BigDecimal(spentToday),
                new BigDecimal(spentMonth), estimate == null ? null : new BigDecimal(estimate), 1.00, 20.00);
    }

    static Stream<Arguments> turns() {
        Optional<String> ok = EscalationGate.refusal(facts(false, false, "anthropic", true, "0", "0", "0.01"));
        return Stream.of(
                // local outcome, score, asked, gate → escalate?, words the reason must hold
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.92, false, ok, false, "0.92 ≥ threshold 0.70"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.70, false, ok, false, "≥ threshold"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false, ok, true, "0.42 < threshold 0.70: escalated"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(true, false, "anthropic", true, "0", "0", "0.01")), false, "not escalated: the conversation is private"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, true, "anthropic", true, "0", "0", "0.01")), false, "offline mode is on"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, false, "none", true, "0", "0", "0.01")), false, "no cloud model is configured"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, false, "anthropic", false, "0", "0", "0.01")), false, "API key is not set"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, false, "anthropic", true, "0.995", "3", "0.01")), false, "daily budget of $1.00 would be exceeded"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, false, "anthropic", true, "0", "19.995", "0.01")), false, "monthly budget of $20.00"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.42, false,
                        EscalationGate.refusal(facts(false, false, "anthropic", true, "0", "0", null)), false, "has no price"),
                Arguments.of(EscalationPolicy.Local.DOWN, 0, false, ok, true, "could not be reached: escalated"),
                Arguments.of(EscalationPolicy.Local.DOWN, 0, false,
                        EscalationGate.refusal(facts(true, false, "anthropic", true, "0", "0", "0.01")), false, "could not be reached, but not escalated: the conversation is private"),
                Arguments.of(EscalationPolicy.Local.SLOW, 0, false, ok, true, "no first token within 10 s"),
                Arguments.of(EscalationPolicy.Local.SLOW, 0, false,
                        EscalationGate.refusal(facts(false, true, "anthropic", true, "0", "0", "0.01")), false, "offline mode"),
                Arguments.of(EscalationPolicy.Local.SKIPPED, 0, true, ok, true, "you asked for the cloud model: escalated"),
                Arguments.of(EscalationPolicy.Local.ANSWERED, 0.95, true, ok, true, "asked for the cloud"),
                Arguments.of(EscalationPolicy.Local.SKIPPED, 0, true,
                        EscalationGate.refusal(facts(true, false, "anthropic", true, "0", "0", "0.01")), false, "asked for the cloud model, but not escalated: the conversation is private"));
    }

    @ParameterizedTest(name = "{0} score {1} asked {2} → escalate {4}")
    @MethodSource("turns")
    void decidesAndSaysWhy(EscalationPolicy.Local local, double score, boolean asked, Optional<String> refusal,
                           boolean escalate, String reason) {
        EscalationPolicy.Verdict verdict = EscalationPolicy.decide(new EscalationPolicy.Situation(local, score, 0.70, asked, refusal, 10));
        assertThat(verdict.escalate()).isEqualTo(escalate);
        assertThat(verdict.reason()).contains(reason);
    }

    @org.junit.jupiter.api.Test
    void theGateAllowsATurnWithinEveryRule() {
        assertThat(EscalationGate.refusal(facts(false, false, "openai", true, "0.50", "10", "0.02"))).isEqualTo(ALLOWED);
    }

    @org.junit.jupiter.api.Test
    void pricesTurnUsageIntoDollarsAndKnowNothingOfUnlistedModels() {
        Prices prices = Prices.parse("claude-sonnet-4-5=3/15; gpt-4.1-mini=0.40/1.60");
        assertThat(prices.cost("claude-sonnet-4-5", new jarvis.orchestrator.models.Usage(1_000, 2_000)))
                .contains(new BigDecimal("0.033"));
        assertThat(prices.cost("mystery", new jarvis.orchestrator.models.Usage(1, 1))).isEmpty();
    }
}
