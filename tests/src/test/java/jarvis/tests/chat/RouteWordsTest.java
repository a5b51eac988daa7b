package jarvis.tests.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import jarvis.ui.chat.RouteWords;
import jarvis.ui.chat.Waiting;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a reply's route says in words: true to what happened, and explained. */
class RouteWordsTest {

    private static RouteRecord route(Tier tier, String model, Double score, boolean escalated, long totalMillis, int in, int out,
                                     BigDecimal cost, String... reasons) {
        return new RouteRecord("0f8e2a4c-1111-2222-3333-444455556666", "c", new CorrelationId("corr-1"), tier,
                tier == Tier.CLOUD ? "openai" : "ollama", model, score, escalated, List.of(reasons), 420L, totalMillis, in, out, cost,
                Instant.now(), null, null, false);
    }

    @Test
    void anAnswerIsTitledByWhoAnsweredAndHowLongItTook() {
        RouteRecord cloud = route(Tier.CLOUD, "gpt-4.1-mini", 0.41, true, 900, 812, 95, new BigDecimal("0.00048"),
                "local score 0.41 < threshold 0.70: escalated");
        assertThat(RouteWords.title(cloud, MessageState.COMPLETE)).isEqualTo("Answered by gpt-4.1-mini in 0.9 s");
        assertThat(RouteWords.chip(cloud, MessageState.COMPLETE)).isEqualTo("cloud (escalated)");
        assertThat(RouteWords.parts(cloud, MessageState.COMPLETE)).extracting(RouteWords.Part::text)
                .contains("812 → 95 tokens", "$0.0005", "local score 0.41", "local score 0.41 < threshold 0.70: escalated");
        assertThat(RouteWords.parts(cloud, MessageState.COMPLETE)).allSatisfy(part -> assertThat(part.meaning()).isNotBlank());
        assertThat(RouteWords.parts(cloud, MessageState.COMPLETE)).filteredOn(p -> p.text().endsWith("tokens")).singleElement()
                .satisfies(p -> assertThat(p.meaning()).contains("812 in").contains("95 out"));
    }

    @Test
    void aFailedReplyWearsAFailureChipAndIsNeverFree() {
        RouteRecord failed = route(Tier.LOCAL, "llama3.2", null, false, 2100, 0, 0, BigDecimal.ZERO, "the local model could not answer");
        assertThat(RouteWords.look(failed, MessageState.FAILED)).isEqualTo(RouteWords.Look.FAILED);
        assertThat(RouteWords.chip(failed, MessageState.FAILED)).isEqualTo("local · failed");
        assertThat(RouteWords.title(failed, MessageState.FAILED)).isEqualTo("llama3.2 failed after 2.1 s");
        assertThat(RouteWords.parts(failed, MessageState.FAILED)).extracting(RouteWords.Part::text).doesNotContain("free");
        assertThat(RouteWords.look(failed, MessageState.COMPLETE)).isEqualTo(RouteWords.Look.LOCAL);
    }

    @Test
    void aCutReplySaysAfterHowManyTokens() {
        RouteRecord cut = route(Tier.LOCAL, "llama3.2", null, false, 1500, 40, 12, BigDecimal.ZERO);
        assertThat(RouteWords.chip(cut, MessageState.CUT)).isEqualTo("local · cut off");
        assertThat(RouteWords.title(cut, MessageState.CUT)).isEqualTo("llama3.2 was cut off after 12 tokens");
    }

    @Test
    void aFastPathAnswerNeedsNoModelAndAStoppedOneSaysWhoStoppedIt() {
        RouteRecord command = route(Tier.FAST_PATH, null, null, false, 3, 0, 0, BigDecimal.ZERO, "matched the command grammar");
        assertThat(RouteWords.title(command, MessageState.COMPLETE)).isEqualTo("Answered without a model in 0.0 s");
        assertThat(RouteWords.parts(command, MessageState.COMPLETE)).extracting(RouteWords.Part::text).noneMatch(t -> t.contains("tokens"));
        RouteRecord stopped = route(Tier.LOCAL, "llama3.2", null, false, 1200, 10, 4, BigDecimal.ZERO);
        assertThat(RouteWords.title(stopped, MessageState.STOPPED)).isEqualTo("You stopped llama3.2 after 1.2 s");
    }

    @Test
    void anUnpricedCloudModelSaysItsCostIsUnknownAndWhere() {
        RouteRecord unpriced = route(Tier.CLOUD, "mystery-model", null, false, 800, 10, 10, null, "you asked for the cloud model: escalated");
        assertThat(RouteWords.parts(unpriced, MessageState.COMPLETE)).filteredOn(p -> p.text().equals("price unknown")).singleElement()
                .satisfies(p -> assertThat(p.meaning()).contains("mystery-model").contains("Prices"));
    }

    @Test
    void waitingCountsDownToTheCloudModelsTurn() {
        long start = 1_000_000_000L;
        Waiting local = new Waiting("llama3.2", start, 10, null);
        assertThat(local.describe(start + TimeUnit.SECONDS.toNanos(2))).isEqualTo("Waiting for llama3.2… the cloud model takes over in 8 s");
        assertThat(local.describe(start + TimeUnit.SECONDS.toNanos(11))).isEqualTo("Waiting for llama3.2… the cloud model is taking over");
        assertThat(new Waiting("llama3.2", start, 0, null).describe(start)).isEqualTo("Waiting for llama3.2…");
        assertThat(new Waiting("gpt-4.1-mini", start, 0, "local score 0.41 < threshold 0.70").describe(start))
                .isEqualTo("Asking gpt-4.1-mini (local score 0.41 < threshold 0.70)…");
    }
}
