package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import jarvis.orchestrator.models.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceScorerTest {

    private final ConfidenceScorer scorer = new ConfidenceScorer();
    private final ScoringRule rule = ScoringRule.DEFAULT;
    private final ObjectMapper json = new ObjectMapper();

    private static ChatResult answer(String text, FinishReason finish, List<TokenLogprob> logprobs, List<ToolCall> calls) {
        return new ChatResult("llama3.2", text, "", calls, Usage.NONE, finish, logprobs);
    }

    private static List<TokenLogprob> tokens(int count, double p, int unlikely, double unlikelyP) {
        List<TokenLogprob> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(new TokenLogprob("t", Math.log(i < unlikely ? unlikelyP : p)));
        }
        return tokens;
    }

    @Test
    void oneUnlikelyWordChoiceInALongConfidentAnswerKeepsItLocal() {
        // The case the old min-based score got wrong: 199 tokens at 0.99 and one at 0.05 scored 0.698 and escalated.
        Confidence confidence = scorer.score("How do I level the bed?", answer("Heat the bed first, then...", FinishReason.STOP,
                tokens(200, 0.99, 1, 0.05), List.of()), List.of(), rule);
        assertThat(confidence.score()).isGreaterThan(0.9);
        assertThat(confidence.signals().getFirst()).contains("median 0.99").contains("200 tokens");
    }

    @Test
    void theScoreDoesNotFallWithLengthAlone() {
        double shortish = scorer.score("Q", answer("A", FinishReason.STOP, tokens(40, 0.97, 4, 0.3), List.of()), List.of(), rule).score();
        double longer = scorer.score("Q", answer("A", FinishReason.STOP, tokens(400, 0.97, 40, 0.3), List.of()), List.of(), rule).score();
        assertThat(longer).isEqualTo(shortish, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void anAnswerFullOfUnlikelyTokensGoesBelowTheThreshold() {
        Confidence unsure = scorer.score("Q", answer("A", FinishReason.STOP, tokens(100, 0.95, 55, 0.35), List.of()), List.of(), rule);
        assertThat(unsure.score()).isLessThan(0.7);
    }

    @Test
    void withoutLogprobsTheScoreStartsFromThePriorAndSaysSo() {
        Confidence confidence = scorer.score("Hi", answer("Hello!", FinishReason.STOP, List.of(), List.of()), List.of(), rule);
        assertThat(confidence.usedLogprobs()).isFalse();
        assertThat(confidence.score()).isBetween(0.79, 0.81);
        assertThat(confidence.signals()).anySatisfy(s -> assertThat(s).contains("no token probabilities"));
    }

    @Test
    void warningSignsMoveTheScoreAsEvidenceAndSaySo() {
        List<TokenLogprob> sure = tokens(60, 0.97, 10, 0.5);
        double plain = scorer.score("Q", answer("Use 0.7 mm.", FinishReason.STOP, sure, List.of()), List.of(), rule).score();
        assertThat(scorer.score("Q", answer(" ", FinishReason.STOP, List.of(), List.of()), List.of(), rule).score()).isZero();
        Confidence cut = scorer.score("Q", answer("Part of", FinishReason.LENGTH, sure, List.of()), List.of(), rule);
        assertThat(cut.score()).isLessThan(plain);
        assertThat(cut.signals()).anySatisfy(s -> assertThat(s).contains("length limit").contains("log-odds -2.0"));
        Confidence hedging = scorer.score("Q", answer("I'm not sure, but maybe 3.", FinishReason.STOP, sure, List.of()), List.of(), rule);
        assertThat(hedging.score()).isLessThan(0.7);
        assertThat(hedging.signals()).anySatisfy(s -> assertThat(s).contains("unsure").contains("I'm not sure"));
        assertThat(scorer.score("Q", answer("I'm sorry, but I can't help with that.", FinishReason.STOP, sure, List.of()), List.of(), rule)
                .score()).isLessThan(0.7);
    }

    @Test
    void aMightBeInsideAnExplanationIsNotHedging() {
        List<TokenLogprob> sure = tokens(80, 0.98, 8, 0.6);
        Confidence careful = scorer.score("Why does my first layer not stick?", answer("The nozzle might be too high, or the bed "
                + "possibly needs cleaning with isopropyl alcohol. Lower the Z offset by 0.05 mm.", FinishReason.STOP, sure, List.of()),
                List.of(), rule);
        assertThat(careful.features().governingHedge()).isFalse();
        assertThat(careful.score()).isGreaterThan(0.7);
    }

    @Test
    void aQuestionAboutTheWorldNowIsEvidenceButAQuestionAboutTheWorkshopIsNot() {
        List<TokenLogprob> sure = tokens(80, 0.98, 0, 0);
        Confidence prices = scorer.score("What is the price of PLA filament today?",
                answer("About 20 dollars a kilo.", FinishReason.STOP, sure, List.of()), List.of(), rule);
        assertThat(prices.features().freshWorld()).isTrue();
        assertThat(prices.signals()).anySatisfy(s -> assertThat(s).contains("about the world now"));
        Confidence stepper = scorer.score("What current does this stepper draw?",
                answer("A NEMA 17 like that draws about 1.5 A per phase.", FinishReason.STOP, sure, List.of()), List.of(), rule);
        assertThat(stepper.features().freshWorld()).isFalse();
        assertThat(stepper.score()).isGreaterThan(0.7);
        Confidence bed = scorer.score("Is the bed hot right now?", answer("Yes.", FinishReason.STOP, sure, List.of()), List.of(), rule);
        assertThat(bed.features().freshWorld()).isFalse();
    }

    @Test
    void reasoningLogprobsAreNotPartOfTheAnswer() {
        // The provider keeps reasoning tokens apart; a ChatResult's logprobs are the answer's alone.
        ChatResult withThinking = new ChatResult("qwen3", "42", "hmm, let me think... maybe 41? no", List.of(), Usage.NONE,
                FinishReason.STOP, tokens(5, 0.99, 0, 0));
        assertThat(scorer.score("Q", withThinking, List.of(), rule).features().tokens()).isEqualTo(5);
    }

    @Test
    void toolCallsThatDoNotMatchTheirSchemaLoseConfidence() throws Exception {
        ToolSpec tool = new ToolSpec("set_light", "Switch a light", json.readTree(
                "{\"type\":\"object\",\"properties\":{\"entity\":{\"type\":\"string\"},\"on\":{\"type\":\"boolean\"}},\"required\":[\"entity\",\"on\"]}"));
        ToolCall good = new ToolCall("c1", "set_light", json.readTree("{\"entity\":\"light.desk\",\"on\":true}"), "");
        ToolCall wrongType = new ToolCall("c2", "set_light", json.readTree("{\"entity\":\"light.desk\",\"on\":\"yes\"}"), "");
        ToolCall notJson = new ToolCall("c3", "set_light", null, "{entity: light.desk");
        ToolCall unknown = new ToolCall("c4", "open_door", json.readTree("{}"), "{}");

        double valid = scorer.score("Desk light on", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(good)), List.of(tool), rule).score();
        Confidence typed = scorer.score("Desk light on", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(wrongType)), List.of(tool), rule);
        assertThat(typed.score()).isLessThan(valid - 0.4);
        assertThat(typed.signals()).anySatisfy(s -> assertThat(s).contains("set_light").contains("not valid"));
        assertThat(scorer.score("x", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(notJson)), List.of(tool), rule).signals())
                .anySatisfy(s -> assertThat(s).contains("not a JSON object"));
        assertThat(scorer.score("x", answer("", FinishReason.TOOL_CALLS, List.of(), List.of(unknown)), List.of(tool), rule).signals())
                .anySatisfy(s -> assertThat(s).contains("no tool of that name"));
    }
}
