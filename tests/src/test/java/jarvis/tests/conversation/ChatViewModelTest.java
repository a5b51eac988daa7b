package jarvis.tests.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.ConversationRig;
import jarvis.ui.chat.ChatViewModel;
import jarvis.ui.chat.MessageItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat view model without a toolkit: one thread stands in for the FX thread; the models are simulated. */
class ChatViewModelTest {

    @TempDir
    Path home;

    private OllamaSimulator ollama;
    private ConversationRig rig;
    private ConversationStore store;
    private ChatViewModel model;
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger handOvers = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaSimulator();
        rig = new ConversationRig(home, Map.of("OLLAMA_HOST", ollama.baseUrl()));
        store = rig.store;
        model = new ChatViewModel(rig.service, () -> 8192, rig.threads, work -> {
            handOvers.incrementAndGet();
            uiThread.execute(work);
        });
    }

    @AfterEach
    void stop() {
        uiThread.shutdownNow();
        rig.close();
        ollama.close();
    }

    private <T> T onUi(Callable<T> look) throws Exception {
        return uiThread.submit(look).get();
    }

    private void onUi(Runnable action) throws Exception {
        uiThread.submit(action).get();
    }

    @Test
    void sendingStreamsTheReplyInBatchesAndEndsWithItsRoute() throws Exception {
        Script script = Script.answer();
        for (int i = 0; i < 300; i++) {
            script.textWithLogprob("w" + i + " ", -0.01);
        }
        ollama.enqueue(script.complete("stop", 5, 300));
        onUi(() -> model.draft().set("Many words please"));
        onUi(model::send);
        assertThat(onUi(() -> model.state().get())).isEqualTo(ChatViewModel.State.ANSWERING);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get()) == ChatViewModel.State.IDLE);

        List<MessageItem> messages = onUi(() -> List.copyOf(model.messages()));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).text().get()).isEqualTo("Many words please");
        MessageItem reply = messages.get(1);
        assertThat(reply.text().get()).startsWith("w0 w1 ").endsWith("w299 ");
        assertThat(reply.state().get()).isEqualTo(MessageState.COMPLETE);
        assertThat(reply.route().get()).isNotNull();
        assertThat(reply.route().get().tokensOut()).isEqualTo(300);
        assertThat(onUi(() -> model.draft().get())).isEmpty();
        assertThat(onUi(() -> model.selected().get().title())).isEqualTo("Many words please");
        assertThat(handOvers.get()).as("300 tokens reach the UI in fewer hand-overs").isLessThan(300);
    }

    @Test
    void anEmptyOrTooLongDraftIsNotSentAndSaysWhy() throws Exception {
        onUi(() -> model.draft().set("   "));
        onUi(model::send);
        // A message sent shows at once, before its turn begins: none shows, and the state never left idle.
        assertThat(onUi(() -> model.messages().size())).isZero();
        assertThat(onUi(() -> model.state().get())).isEqualTo(ChatViewModel.State.IDLE);
        onUi(() -> model.draft().set("x".repeat(100_000)));
        assertThat(onUi(() -> model.draftWarning().get())).contains("would not fit");
        onUi(model::send);
        assertThat(onUi(() -> model.problem().get())).contains("Not sent").contains("too long");
        assertThat(onUi(() -> model.messages().size())).isZero();

        // The next message that fits is the first and only one the model receives.
        ollama.enqueue(Script.answer().textWithLogprob("Ok.", -0.01).complete("stop", 1, 1));
        onUi(() -> model.draft().set("A short one"));
        onUi(model::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get()) == ChatViewModel.State.IDLE);
        assertThat(ollama.received()).singleElement()
                .satisfies(request -> assertThat(request.body().path("messages").toString()).contains("A short one").doesNotContain("xxxx"));
    }

    @Test
    void conversationsCanBeRenamedPinnedDeletedAndRestoredAndSearched() throws Exception {
        Conversation bracket = store.create("Bracket", false);
        store.addUserMessage(bracket.id(), "How thick should the bracket wall be?");
        Conversation lights = store.create("Lights", false);
        onUi(model.list()::refresh);
        await().until(() -> onUi(() -> model.list().conversations().size()) == 2);

        onUi(() -> model.list().togglePin(bracket));
        await().until(() -> onUi(() -> model.list().conversations().getFirst().title()).equals("Bracket"));
        onUi(() -> model.list().rename(lights, "Bench lights"));
        await().until(() -> onUi(() -> model.list().conversations().stream().anyMatch(c -> c.title().equals("Bench lights"))));

        onUi(() -> model.list().search().set("thick"));
        await().until(() -> onUi(() -> model.list().conversations().size()) == 1);
        assertThat(onUi(() -> model.list().conversations().getFirst().id())).isEqualTo(bracket.id());
        onUi(() -> model.list().search().set(""));

        onUi(() -> model.list().delete(bracket));
        await().until(() -> onUi(() -> model.list().conversations().size()) == 1);
        assertThat(onUi(() -> model.notice().get())).contains("Deleted 'Bracket'");
        onUi(model.list()::undoDelete);
        await().until(() -> onUi(() -> model.list().conversations().size()) == 2);
    }

    @Test
    void stopKeepsWhatArrivedAndRegenerateAsksAgain() throws Exception {
        ollama.enqueue(Script.answer().text("Partial ").pause(20_000).text("never").complete("stop", 1, 1));
        onUi(() -> model.draft().set("Go"));
        onUi(model::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.messages().size() == 2
                && model.messages().get(1).text().get().equals("Partial ")));
        onUi(model::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get()) == ChatViewModel.State.IDLE);
        assertThat(onUi(() -> model.messages().get(1).state().get())).isEqualTo(MessageState.STOPPED);

        ollama.enqueue(Script.answer().textWithLogprob("Whole answer.", -0.01).complete("stop", 1, 2));
        onUi(model::regenerate);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get() == ChatViewModel.State.IDLE
                && model.messages().getLast().text().get().equals("Whole answer.")));
        assertThat(onUi(model::editLast)).isTrue();
        assertThat(onUi(() -> model.draft().get())).isEqualTo("Go");
    }

    @Test
    void thumbsAndRegenerateBecomeVerdictsOnTheLocalAnswerInTheDatabase() throws Exception {
        ollama.enqueue(Script.answer().textWithLogprob("Dry PLA at 45 °C for four hours.", -0.01).complete("stop", 9, 9));
        onUi(() -> model.draft().set("How do I dry PLA?"));
        onUi(model::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get() == ChatViewModel.State.IDLE
                && model.messages().size() == 2 && model.messages().get(1).route().get() != null));
        MessageItem reply = onUi(() -> model.messages().get(1));
        String routeId = reply.route().get().id();

        onUi(() -> model.rate(reply, true));
        assertThat(onUi(() -> reply.verdict().get())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> verdictOf(routeId).equals("true THUMBS"));

        ollama.enqueue(Script.answer().textWithLogprob("Dry it at 45 °C.", -0.01).complete("stop", 9, 9));
        onUi(model::regenerate);
        await().atMost(Duration.ofSeconds(5)).until(() -> verdictOf(routeId).equals("false REGENERATE"));
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> model.state().get()) == ChatViewModel.State.IDLE);
    }

    private String verdictOf(String routeId) {
        return rig.database.inTransaction(connection -> {
            try (var select = connection.prepareStatement("SELECT satisfied, source FROM route_labels WHERE route_id = ?")) {
                select.setString(1, routeId);
                try (var rows = select.executeQuery()) {
                    return rows.next() ? rows.getBoolean(1) + " " + rows.getString(2) : "";
                }
            }
        });
    }
}
