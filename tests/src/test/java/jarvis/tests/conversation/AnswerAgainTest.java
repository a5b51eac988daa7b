package jarvis.tests.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.ReadingOrder;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import jarvis.tests.support.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering the last message again (Regenerate, Ask the cloud, an edit) replaces its reply and keeps the earlier one
 * as a version; a failed or cut-off reply says what really happened; with every server down there is one failed reply.
 */
class AnswerAgainTest {

    private static final String KEY = "sk-ant-again";

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private AnthropicSimulator anthropic;
    private ConversationRig rig;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        anthropic = new AnthropicSimulator(KEY);
        rig = new ConversationRig(home, Map.of());
        rig.settings.set("ollama.url", ollama.baseUrl());
        rig.settings.set("models.idleTimeoutSeconds", "1");
    }

    @AfterEach
    void stop() {
        rig.close();
        ollama.close();
        anthropic.close();
    }

    private void useCloud() throws Exception {
        rig.settings.set("cloud.provider", "anthropic");
        rig.settings.set("cloud.model", "claude-sonnet-4-5");
        rig.settings.set("cloud.anthropic.baseUrl", anthropic.baseUrl());
        rig.secrets.put(SecretName.ANTHROPIC_API_KEY, new Secret(KEY));
    }

    private TurnResult ask(TurnRequest request) throws Exception {
        return rig.service.send(request, TurnListener.NONE).result().get(20, TimeUnit.SECONDS);
    }

    private static Script confident(String text) {
        return Script.answer().textWithLogprob(text, -0.02).complete("stop", 30, 5);
    }

    private List<StoredMessage> stored(TurnResult result) {
        return rig.store.messages(result.conversation().id());
    }

    @Test
    void regenerateReplacesTheReplyKeepsTheEarlierOneAndSendsTheMessageOnce() throws Exception {
        ollama.enqueue(confident("Use a 2.5 mm drill."));
        TurnResult first = ask(new TurnRequest(null, "Which drill for an M3 tap?", false, false));
        ollama.enqueue(confident("A 2.5 mm drill, then the M3 tap."));
        TurnResult again = ask(TurnRequest.again(first.conversation().id(), "Which drill for an M3 tap?"));

        List<StoredMessage> messages = stored(again);
        assertThat(messages).filteredOn(m -> m.role() == ChatMessage.Role.USER).as("the question is stored once").hasSize(1);
        assertThat(messages).extracting(StoredMessage::state)
                .containsExactly(MessageState.COMPLETE, MessageState.EARLIER, MessageState.COMPLETE);
        List<ReadingOrder.Shown> shown = ReadingOrder.of(messages);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(1).message().content()).isEqualTo("A 2.5 mm drill, then the M3 tap.");
        assertThat(shown.get(1).earlier()).singleElement().satisfies(version -> {
            assertThat(version.reply().content()).isEqualTo("Use a 2.5 mm drill.");
            assertThat(version.question()).as("the same wording").isNull();
        });
        String secondRequest = ollama.received().get(1).body().path("messages").toString();
        assertThat(secondRequest).as("the model reads the question once and not the answer it replaces")
                .doesNotContain("Use a 2.5 mm drill.");
        assertThat(secondRequest.split("Which drill for an M3 tap", -1)).hasSize(2);
    }

    @Test
    void aRegenerateThatFailsLeavesTheEarlierAnswerInWhatTheModelReadsNext() throws Exception {
        ollama.enqueue(confident("Dry PETG at 65 °C."));
        TurnResult first = ask(new TurnRequest(null, "How do I dry PETG?", false, false));
        String conversation = first.conversation().id();
        ollama.enqueue(Script.failing(500, "server_error", "model crashed"));
        TurnResult failed = ask(TurnRequest.again(conversation, "How do I dry PETG?"));
        assertThat(failed.reply().state()).isEqualTo(MessageState.FAILED);

        ollama.enqueue(confident("For four hours."));
        ask(new TurnRequest(conversation, "For how long?", false, false));
        String request = ollama.received().getLast().body().path("messages").toString();
        assertThat(request).as("the failed retry does not leave the question unanswered").contains("Dry PETG at 65 °C.")
                .contains("For how long?");
    }

    @Test
    void regeneratingAnEscalatedReplyKeepsItsFoldedLocalAnswerWithIt() throws Exception {
        useCloud();
        ollama.enqueue(Script.answer().textWithLogprob("I'm not sure.", -2.5).complete("stop", 9, 4));
        anthropic.enqueue(Script.answer().text("Cloud answer.").complete("stop", 20, 4));
        TurnResult escalated = ask(new TurnRequest(null, "Which nozzle for CF-PETG?", false, false));
        assertThat(escalated.replacedLocalAnswer()).isPresent();
        ollama.enqueue(confident("A hardened steel nozzle."));
        TurnResult again = ask(TurnRequest.again(escalated.conversation().id(), "Which nozzle for CF-PETG?"));
        List<ReadingOrder.Shown> shown = ReadingOrder.of(stored(again));
        assertThat(shown).extracting(s -> s.message().content()).containsExactly("Which nozzle for CF-PETG?", "A hardened steel nozzle.");
        assertThat(shown.get(1).earlier()).singleElement().satisfies(version -> {
            assertThat(version.reply().content()).isEqualTo("Cloud answer.");
            assertThat(version.fold()).isNotNull();
            assertThat(version.fold().content()).isEqualTo("I'm not sure.");
        });
    }

    @Test
    void anEditChangesTheMessageInPlaceAndKeepsTheEarlierWordingWithItsAnswer() throws Exception {
        ollama.enqueue(confident("PLA at 210 °C."));
        TurnResult first = ask(new TurnRequest(null, "Nozzle temperature for PLA?", false, false));
        ollama.enqueue(confident("PETG at 240 °C."));
        TurnResult edited = ask(TurnRequest.again(first.conversation().id(), "Nozzle temperature for PETG?"));

        List<ReadingOrder.Shown> shown = ReadingOrder.of(stored(edited));
        assertThat(shown).extracting(s -> s.message().content()).containsExactly("Nozzle temperature for PETG?", "PETG at 240 °C.");
        assertThat(shown.get(1).earlier()).singleElement().satisfies(version -> {
            assertThat(version.reply().content()).isEqualTo("PLA at 210 °C.");
            assertThat(version.question()).isEqualTo("Nozzle temperature for PLA?");
        });
        String request = ollama.received().get(1).body().path("messages").toString();
        assertThat(request).contains("PETG?").doesNotContain("PLA?").doesNotContain("210");
        assertThat(stored(edited)).as("nothing is lost: the earlier wording is kept")
                .anySatisfy(m -> assertThat(m.content()).isEqualTo("Nozzle temperature for PLA?"));

        // Answering the edited message again reads neither the earlier wording nor the answer it had.
        ollama.enqueue(confident("PETG at 235 °C."));
        ask(TurnRequest.again(first.conversation().id(), "Nozzle temperature for PETG?"));
        String again = ollama.received().get(2).body().path("messages").toString();
        assertThat(again).contains("PETG?").doesNotContain("210").doesNotContain("PLA?").doesNotContain("240");
        assertThat(ollama.received().get(2).body().path("messages").get(1).path("role").asText()).as("no answer before a question")
                .isEqualTo("user");
    }

    @Test
    void askTheCloudReplacesTheLocalReplyAndShowsTheLocalAnswersRealScore() throws Exception {
        useCloud();
        ollama.enqueue(confident("Local: 3.2 mm."));
        TurnResult local = ask(new TurnRequest(null, "Clearance hole for M3?", false, false));
        assertThat(local.route().score()).isNotNull();
        anthropic.enqueue(Script.answer().text("Cloud: 3.4 mm for a loose fit.").complete("stop", 40, 9));
        TurnResult cloud = ask(TurnRequest.againFromTheCloud(local.conversation().id(), "Clearance hole for M3?"));

        assertThat(cloud.route().score()).as("the score of the local answer it replaced").isEqualTo(local.route().score());
        assertThat(cloud.route().reasons()).anySatisfy(r -> assertThat(r).contains(String.format(java.util.Locale.ROOT,
                "the local answer had scored %.2f", local.route().score()))).anySatisfy(r -> assertThat(r).contains("you asked for the cloud model"));
        List<ReadingOrder.Shown> shown = ReadingOrder.of(stored(cloud));
        assertThat(shown).hasSize(2);
        assertThat(shown.get(1).message().tier()).isEqualTo("CLOUD");
        assertThat(shown.get(1).earlier()).extracting(v -> v.reply().content()).containsExactly("Local: 3.2 mm.");
    }

    @Test
    void answeringAgainNeedsAMessageAndAFinishedReply() throws Exception {
        String empty = rig.store.create("Empty", false).id();
        assertThatThrownBy(() -> ask(TurnRequest.again(empty, "Anything")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("no message to answer again");

        rig.settings.set("models.idleTimeoutSeconds", "30");
        ollama.enqueue(Script.answer().text("Slowly ").pause(10_000).text("done").complete("stop", 1, 1));
        var turn = rig.service.send(new TurnRequest(null, "Tell me slowly", false, false), TurnListener.NONE);
        String conversation = awaitConversation();
        assertThatThrownBy(() -> ask(TurnRequest.again(conversation, "Tell me slowly")))
                .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("still arriving");
        turn.cancel();
        turn.result().get(10, TimeUnit.SECONDS);
    }

    /** The conversation whose reply is streaming, once it is. */
    private String awaitConversation() {
        return await().atMost(Duration.ofSeconds(5)).until(() -> rig.store.list().stream()
                .filter(c -> rig.store.messages(c.id()).stream().anyMatch(m -> m.state() == MessageState.STREAMING))
                .map(c -> c.id()).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void aReplyCutByTheServerSaysAfterHowManyTokens() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("Retraction ", -0.01).textWithLogprob("pulls ", -0.01)
                .textWithLogprob("filament", -0.01).cut());
        TurnResult result = ask(new TurnRequest(null, "Explain retraction", false, false));
        assertThat(result.reply().state()).isEqualTo(MessageState.CUT);
        assertThat(result.reply().error()).startsWith("Cut off by the server after 3 tokens.").doesNotContain("could not be reached");
        assertThat(result.route().tokensOut()).as("the route counts the same tokens").isEqualTo(3);
    }

    @Test
    void aCutLocalAnswerEscalatesSayingItWasCutNotThatItCouldNotBeReached() throws Exception {
        useCloud();
        ollama.enqueue(Script.answer().textWithLogprob("Half ", -0.01).textWithLogprob("an answer", -0.01).cut());
        anthropic.enqueue(Script.answer().text("A whole answer.").complete("stop", 20, 4));
        TurnResult result = ask(new TurnRequest(null, "Explain retraction", false, false));
        assertThat(result.reply().content()).isEqualTo("A whole answer.");
        assertThat(result.route().reasons()).anySatisfy(r -> assertThat(r)
                .contains("the local answer was cut off by the server after 2 tokens: escalated"))
                .noneSatisfy(r -> assertThat(r).contains("could not be reached"));
    }

    @Test
    void withEveryModelServerDownTheMessageGetsOneFailedReplySayingWhatHappenedToEach() throws Exception {
        useCloud();
        int down = Ports.nobodyListening();
        rig.settings.set("ollama.url", "http://127.0.0.1:" + down);
        rig.settings.set("cloud.anthropic.baseUrl", "http://127.0.0.1:" + down);
        TurnResult result = ask(new TurnRequest(null, "Anyone there?", false, false));
        List<StoredMessage> replies = stored(result).stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT).toList();
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.state()).isEqualTo(MessageState.FAILED);
            assertThat(reply.error()).startsWith("Neither model could answer.").contains("The local model llama3.2")
                    .contains("Is it running?").contains("The cloud model claude-sonnet-4-5");
        });
    }

    @Test
    void anEarlierVersionWhoseReplacementNeverArrivedIsStillShown() {
        Instant now = Instant.now();
        List<StoredMessage> messages = List.of(
                message(1, ChatMessage.Role.USER, "Question", MessageState.COMPLETE, now),
                message(2, ChatMessage.Role.ASSISTANT, "Old answer", MessageState.EARLIER, now),
                message(3, ChatMessage.Role.USER, "Next question", MessageState.COMPLETE, now),
                message(4, ChatMessage.Role.ASSISTANT, "Local, folded", MessageState.SUPERSEDED, now),
                message(5, ChatMessage.Role.ASSISTANT, "Cloud", MessageState.COMPLETE, now));
        assertThat(ReadingOrder.of(messages)).extracting(s -> s.message().content())
                .containsExactly("Question", "Old answer", "Next question", "Local, folded", "Cloud");
    }

    private static StoredMessage message(long id, ChatMessage.Role role, String content, MessageState state, Instant at) {
        return new StoredMessage(id, "c", role, content, null, null, state, null, null, null, null, at, at);
    }
}
