package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    private static ScoreFeatures features(double p50, boolean hedge) {
        return new ScoreFeatures(true, 200, p50 - 0.45, p50 - 0.25, p50, p50 - 0.5, false, hedge, false, false, false, false, false);
    }

    @Test
    void fewerLabelsThanTheMinimumKeepTheDefaultRule() {
        List<Calibrator.Label> labels = new ArrayList<>();
        for (int i = 0; i < Calibrator.MINIMUM_LABELS - 1; i++) {
            labels.add(new Calibrator.Label(features(0.9, false), false));
        }
        assertThat(Calibrator.fit("llama3.2", labels)).isSameAs(ScoringRule.DEFAULT);
    }

    @Test
    void aPersonWhoRejectsWhatTheDefaultRuleTrustsMovesTheRule() {
        // This person is unhappy with answers whose median token probability is below 0.93, which the default keeps.
        Random random = new Random(3);
        List<Calibrator.Label> labels = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double p50 = 0.85 + 0.14 * random.nextDouble();
            labels.add(new Calibrator.Label(features(p50, false), p50 >= 0.93));
        }
        ScoringRule fitted = Calibrator.fit("llama3.2", labels);
        ScoreFeatures doubtful = features(0.88, false);
        ScoreFeatures sure = features(0.97, false);
        assertThat(ScoringRule.DEFAULT.probability(doubtful)).isGreaterThan(0.7);
        assertThat(fitted.probability(doubtful)).isLessThan(0.7);
        assertThat(fitted.probability(sure)).isGreaterThan(fitted.probability(doubtful));
        assertThat(fitted.source()).contains("llama3.2").contains("120");
    }

    @Test
    void aFeatureTheLabelsNeverShowKeepsItsDefaultWeight() {
        List<Calibrator.Label> labels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            labels.add(new Calibrator.Label(features(0.9 + (i % 10) / 100.0, false), i % 3 != 0));
        }
        ScoringRule fitted = Calibrator.fit("m", labels);
        assertThat(fitted.weight(ScoreFeatures.REFUSAL)).isEqualTo(ScoringRule.DEFAULT.weight(ScoreFeatures.REFUSAL));
    }

    @Test
    void theReliabilityDiagramGroupsScoresAndCountsSatisfaction() {
        Reliability diagram = Reliability.of(List.of(new Reliability.Point(0.95, true), new Reliability.Point(0.91, false),
                new Reliability.Point(0.15, false)), 10);
        assertThat(diagram.bins()).hasSize(2);
        assertThat(diagram.bins().getLast().answers()).isEqualTo(2);
        assertThat(diagram.bins().getLast().satisfiedShare()).isEqualTo(0.5);
        assertThat(diagram.bins().getFirst().meanScore()).isEqualTo(0.15);
    }
}
