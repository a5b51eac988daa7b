package jarvis.tests.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.routing.Calibrator;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The person's verdicts on local answers become labels; from 30 on, the model's rule is fitted to them. */
class RouterLearningTest {

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private ConversationRig rig;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        rig = new ConversationRig(home, Map.of());
        rig.settings.set("ollama.url", ollama.baseUrl());
    }

    @AfterEach
    void stop() {
        rig.close();
        ollama.close();
    }

    private TurnResult localAnswer(double logprob) throws Exception {
        Script script = Script.answer();
        for (int i = 0; i < 40; i++) {
            script.textWithLogprob("w" + i + " ", i % 4 == 0 ? logprob : -0.01);
        }
        ollama.enqueue(script.complete("stop", 20, 40));
        return rig.service.send(new TurnRequest(null, "How do I dry filament?", false, false), TurnListener.NONE).result()
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void everyLocalAnswerKeepsItsFeaturesAndVerdictsFitTheRulePerModel() throws Exception {
        TurnResult first = localAnswer(-0.3);
        assertThat(first.route().features()).isNotNull();
        assertThat(first.route().scoredModel()).isEqualTo("llama3.2");
        assertThat(rig.service.routes().find(first.route().id()).orElseThrow().features()).isEqualTo(first.route().features());
        double before = first.route().score();
        assertThat(before).isGreaterThanOrEqualTo(0.7);
        assertThat(first.route().reasons()).anySatisfy(r -> assertThat(r).contains("by the default rule"));

        // This person finds answers with a quarter of their tokens at p = 0.74 not good enough, and sure ones fine.
        assertThat(rig.service.rate(first.route().id(), false, RouterFeedback.Source.THUMBS)).isTrue();
        for (int i = 1; i < Calibrator.MINIMUM_LABELS; i++) {
            boolean sure = i % 2 == 0;
            TurnResult turn = localAnswer(sure ? -0.01 : -0.3);
            rig.service.rate(turn.route().id(), sure, i % 3 == 0 ? RouterFeedback.Source.REGENERATE : RouterFeedback.Source.THUMBS);
        }

        RouterFeedback.ModelCalibration calibration = rig.service.feedback().calibration("llama3.2");
        assertThat(calibration.labels()).isEqualTo(Calibrator.MINIMUM_LABELS);
        assertThat(calibration.rule().source()).contains("calibrated for llama3.2 from 30");
        assertThat(calibration.reliability().bins()).isNotEmpty();

        TurnResult after = localAnswer(-0.3);
        assertThat(after.route().score()).isLessThan(before);
        assertThat(after.route().reasons()).anySatisfy(r -> assertThat(r).contains("calibrated for llama3.2"));

        rig.service.feedback().reset();
        assertThat(rig.service.feedback().calibrations()).isEmpty();
        assertThat(localAnswer(-0.3).route().reasons()).anySatisfy(r -> assertThat(r).contains("by the default rule"));
    }

    @Test
    void aVerdictOnAReplyWithoutALocalScoreTeachesNothing() throws Exception {
        TurnResult command = rig.service.send(new TurnRequest(null, "what can you do", false, false), TurnListener.NONE).result()
                .get(20, TimeUnit.SECONDS);
        assertThat(rig.service.rate(command.route().id(), true, RouterFeedback.Source.THUMBS)).isFalse();
    }
}
