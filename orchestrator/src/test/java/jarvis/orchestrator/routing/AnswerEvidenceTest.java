package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerEvidenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"I'm not sure which thread it uses.", "I don't know the exact figure.", "I cannot verify that.",
            "As of my knowledge cutoff, version 2.7 was newest.", "I don't have access to real-time prices.", "I may be wrong, but 3 mm."})
    void governingHedgesCount(String answer) {
        assertThat(AnswerEvidence.read("Q", answer).governingHedge()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The belt might be loose; tighten it until it twangs.", "This is possibly the most common cause of stringing.",
            "If the part warps, the bed might be too cold.", "You can check it yourself: I think of it as a rule of thumb.",
            "Double-check that the nozzle is tight before heating."})
    void hedgesInsideAnExplanationDoNot(String answer) {
        AnswerEvidence.Signs signs = AnswerEvidence.read("Q", answer);
        assertThat(signs.governingHedge()).isEmpty();
        assertThat(signs.openingHedge()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"I think it is M3.", "Probably 0.4 mm.", "If I recall correctly, 215 °C."})
    void aHedgeThatOpensTheAnswerCountsWeakly(String answer) {
        assertThat(AnswerEvidence.read("Q", answer).openingHedge()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"What's the latest news on tariffs?", "How much does a Bambu X1C cost?", "What's the weather tomorrow?",
            "When was the Prusa Core One released?", "What is the latest firmware for the MK4?", "What's the exchange rate to euros?"})
    void questionsAboutTheWorldNowNeedFreshInformation(String question) {
        assertThat(AnswerEvidence.read(question, "A").freshWorld()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"What current does this stepper draw?", "Is the bed hot right now?", "What is the nozzle temperature today?",
            "Which lights are currently on?", "How long is the current print going to take?", "Is the garage door open now?",
            "How do I release the lever on the extruder?", "Is the stock hotend good enough for PETG?",
            "How much filament does this print use?", "Launch the slicer for me"})
    void questionsAboutTheWorkshopDoNot(String question) {
        assertThat(AnswerEvidence.read(question, "A").freshWorld()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm sorry, but I can't help with that.", "I can't assist with that request.", "I won't help with that."})
    void refusalsAreRead(String answer) {
        assertThat(AnswerEvidence.read("Q", answer).refusal()).isPresent();
    }
}
