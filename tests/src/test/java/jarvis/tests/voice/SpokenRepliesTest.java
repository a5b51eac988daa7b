package jarvis.tests.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.audio.voice.Mouth;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.ui.chat.ChatViewModel;
import jarvis.ui.voice.SpokenReplies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies spoken as they stream through the real chat, against the Ollama simulator: the first sentence is said while
 * the rest is still being written; reasoning and code are never said; a stop drops what was waiting.
 */
class SpokenRepliesTest {

    @TempDir
    Path home;

    private final OllamaSimulator ollama = new OllamaSimulator().withModel("llama3.2", "completion", "tools");

    SpokenRepliesTest() throws Exception {}

    @AfterEach
    void close() {
        ollama.close();
    }

    /** A mouth that writes down what it says, and when. */
    private static final class Recorder implements Mouth {
        final List<String> said = new CopyOnWriteArrayList<>();
        final List<Long> at = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final AtomicBoolean stopped = new AtomicBoolean();

        @Override
        public void speak(String sentence, java.util.function.BooleanSupplier wanted) {
            said.add(sentence);
            at.add(System.nanoTime());
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stop() {
            stopped.set(true);
            hold.countDown();
        }
    }

    @Test
    void theFirstSentenceIsSaidWhileTheReplyIsStillBeingWritten() throws Exception {
        ollama.enqueue(Script.answer().thinking("The user wants a temperature.").text("PETG likes a hot bed. ").pause(800)
                .text("Set it to 80 degrees.\n```\nM140 S80\n```\nThat is all."));
        Recorder mouth = new Recorder();
        try (Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()));
             SpokenReplies replies = new SpokenReplies(() -> mouth, () -> true, problem -> { })) {
            core.openStorage();
            ChatViewModel chat = new ChatViewModel(core.storage().join().conversations(), () -> 8192, core.background(), Runnable::run);
            chat.speakWith(replies);
            long sent = System.nanoTime();

            chat.said("How hot should the bed be for PETG?", false);

            await().atMost(Duration.ofSeconds(10)).until(() -> mouth.said.size() == 3);
            assertThat(mouth.said).containsExactly("PETG likes a hot bed.", "Set it to 80 degrees.", "That is all.");
            assertThat(mouth.at.getFirst() - sent).as("said before the reply's second part, 800 ms later, arrived")
                    .isLessThan(Duration.ofMillis(800).toNanos());
        }
    }

    @Test
    void spokenWordsJoinWhatWasTypedAndWaitWhileAReplyIsComing() throws Exception {
        ollama.enqueue(Script.answer().text("Working on it. ").pause(1500).text("Done."));
        try (Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()))) {
            core.openStorage();
            ChatViewModel chat = new ChatViewModel(core.storage().join().conversations(), () -> 8192, core.background(), Runnable::run);
            chat.draft().set("Heat the bed");

            chat.said("to eighty degrees", false);

            assertThat(chat.draft().get()).as("added after what was typed, and not sent").isEqualTo("Heat the bed to eighty degrees");
            chat.send();
            await().atMost(Duration.ofSeconds(5)).until(() -> chat.state().get() == ChatViewModel.State.ANSWERING);
            chat.said("and the nozzle too", false);
            assertThat(chat.draft().get()).isEqualTo("and the nozzle too");
            assertThat(chat.problem().get()).contains("send it when the reply is done");
            await().atMost(Duration.ofSeconds(10)).until(() -> chat.state().get() == ChatViewModel.State.IDLE);
            assertThat(ollama.received()).as("only the typed-and-spoken message went").hasSize(1);
        }
    }

    @Test
    void aStopDropsWhatWasWaitingAndQuietRepliesSayNothing() throws Exception {
        Recorder mouth = new Recorder();
        mouth.hold = new CountDownLatch(1);
        AtomicBoolean on = new AtomicBoolean(true);
        try (SpokenReplies replies = new SpokenReplies(() -> mouth, on::get, problem -> { })) {
            var follower = replies.follow();
            follower.onText("One. Two. Three. ");
            await().atMost(Duration.ofSeconds(5)).until(() -> mouth.said.size() == 1);

            replies.stop();
            follower.finished();

            assertThat(mouth.stopped).isTrue();
            // Stays so: two and three were dropped, not merely late.
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> mouth.said.size() == 1);
            assertThat(mouth.said).containsExactly("One.");
            on.set(false);
            replies.follow().onText("Not said. ");
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> mouth.said.size() == 1);
        }
    }

    @Test
    void espeakNgCutShortByAStopThatCameJustBeforeItBeganSaysNothingMore() throws Exception {
        jarvis.audio.voice.Speaker speaker = new jarvis.audio.voice.Speaker(jarvis.audio.voice.Speaker.Program.ESPEAK_NG, "", 0);
        long start = System.nanoTime();

        speaker.speak("This sentence is long enough to take several seconds to say aloud, if it were ever said at all.", () -> false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended at once, without an error").isLessThan(Duration.ofSeconds(2));
    }
}
