package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceScorerTest {

    private final ConfidenceScorer scorer = new ConfidenceScorer();
    private final ScoringWeights weights = ScoringWeights.defaults();
    private final ObjectMapper json = new ObjectMapper();

    private static ChatResult answer(String text, FinishReason finish, List<TokenLogprob> logprobs, List<ToolCall> calls) {
        return new ChatResult("llama3.2", text, "", calls, Usage.NONE, finish, logprobs);
    }

    @Test
    void aConfidentAnswerScoresFromItsTokenProbabilities() {
        List<TokenLogprob> sure = List.of(new TokenLogprob("The", -0.01), new TokenLogprob(" bench", -0.05), new TokenLogprob(".", -0.02));
        Confidence confidence = scorer.score("Is the bench light on?", answer("The bench light is on.", FinishReason.STOP, sure, List.of()),
                List.of(), weights);
        assertThat(confidence.usedLogprobs()).isTrue();
        assertThat(confidence.score()).isGreaterThan(0.9);
        assertThat(confidence.signals().getFirst()).contains("mean").contains("lowest");
    }

    @Test
    void oneUnlikelyTokenPullsTheScoreDownThroughTheMinimum() {
        List<TokenLogprob> shaky = List.of(new TokenLogprob("It", -0.01), new TokenLogprob(" is", -0.01), new TokenLogprob(" 42", -4.0));
        double expected = 0.7 * Math.exp((-0.01 - 0.01 - 4.0) / 3) + 0.3 * Math.exp(-4.0);
        assertThat(scorer.score("What is it?", answer("It is 42", FinishReason.STOP, shaky, List.of()), List.of(), weights).score())
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void withoutLogprobsTheScoreStartsFromThePriorAndSaysSo() {
        Confidence confidence = scorer.score("Hi", answer("Hello!", FinishReason.STOP, List.of(), List.of()), List.of(), weights);
        assertThat(confidence.usedLogprobs()).isFalse();
        assertThat(confidence.score()).isEqualTo(0.8);
        assertThat(confidence.signals()).anySatisfy(s -> assertThat(s).contains("no token probabilities"));
    }

    @Test
    void emptyTruncatedHedgingAndRefusingAnswersLoseConfidence() {
        assertThat(scorer.score("Q", answer(" ", FinishReason.STOP, List.of(), List.of()), List.of(), weights).score()).isZero();
        assertThat(scorer.score("Q", answer("Part of", FinishReason.LENGTH, List.of(), List.of()), List.of(), weights).score())
                .isCloseTo(0.8 * 0.5, within(1e-9));
        Confidence hedging = scorer.score("Q", answer("I'm not sure, but maybe 3.", FinishReason.STOP, List.of(), List.of()), List.of(), weights);
        assertThat(hedging.score()).isCloseTo(0.8 * 0.6, within(1e-9));
        assertThat(hedging.signals()).anySatisfy(s -> assertThat(s).contains("hedges").contains("I'm not sure"));
        assertThat(scorer.score("Q", answer("I'm sorry, but I can't help with that.", FinishReason.STOP, List.of(), List.of()), List.of(), weights)
                .score()).isCloseTo(0.8 * 0.3, within(1e-9));
    }

    @Test
    void aQuestionNeedingFreshInformationLosesConfidence() {
        Confidence confidence = scorer.score("What is the price of PLA filament today?",
                answer("About 20 dollars a kilo.", FinishReason.STOP, List.of(), List.of()), List.of(), weights);
        assertThat(confidence.score()).isCloseTo(0.8 * 0.5, within(1e-9));
        assertThat(confidence.signals()).anySatisfy(s -> assertThat(s).contains("fresh information"));
    }

    @Test
    void toolCallsThatDoNotMatchTheirSchemaLoseConfidence() throws Exception {
        ToolSpec tool = new ToolSpec("set_light", "Switch a light", json.readTree(
                "{\"type\":\"object\",\"properties\":{\"entity\":{\"type\":\"string\"},\"on\":{\"type\":\"boolean\"}},\"required\":[\"entity\",\"on\"]}"));
        ToolCall good = new ToolCall("c1", "set_light", json.readTree("{\"entity\":\"light.desk\",\"on\":true}"), "");
        ToolCall wrongType = new ToolCall("c2", "set_light", json.readTree("{\"entity\":\"light.desk\",\"on\":\"yes\"}"), "");
        ToolCall notJson = new ToolCall("c3", "set_light", null, "{entity: light.desk");
        ToolCall unknown = new ToolCall("c4", "open_door", json.readTree("{}"), "{}");

        assertThat(scorer.score("Desk light on", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(good)), List.of(tool), weights).score())
                .isEqualTo(0.8);
        Confidence typed = scorer.score("Desk light on", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(wrongType)), List.of(tool), weights);
        assertThat(typed.score()).isCloseTo(0.8 * 0.2, within(1e-9));
        assertThat(typed.signals()).anySatisfy(s -> assertThat(s).contains("set_light is not valid").contains("on"));
        assertThat(scorer.score("x", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(notJson)), List.of(tool), weights).signals())
                .anySatisfy(s -> assertThat(s).contains("not a JSON object"));
        assertThat(scorer.score("x", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(unknown)), List.of(tool), weights).signals())
                .anySatisfy(s -> assertThat(s).contains("no tool of that name"));
    }
}
