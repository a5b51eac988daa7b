package jarvis.orchestrator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyRecorderTest {

    @TempDir
    Path home;

    private Database database;
    private ConversationStore store;
    private ScheduledExecutorService timer;

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(home);
        store = new ConversationStore(database, Clock.systemUTC());
        timer = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        database.close();
    }

    @Test
    void aSaveInFlightNeverOverwritesTheFinishedReply() {
        Conversation conversation = store.create("race", false);
        for (int round = 0; round < 150; round++) {
            StoredMessage reply = store.startReply(conversation.id(), "LOCAL", "m");
            // Saves every 50 µs, so that one is nearly always under way when the turn finishes.
            ReplyRecorder recorder = new ReplyRecorder(reply.id(), store, TurnListener.NONE, timer, timer, Duration.ofNanos(50_000));
            StringBuilder sent = new StringBuilder();
            for (int token = 0; token < 40; token++) {
                recorder.onText("w" + token + " ");
                sent.append("w").append(token).append(' ');
            }
            String whole = sent + "the end.";
            recorder.stop();
            store.finishReply(reply.id(), whole, null, null, MessageState.COMPLETE, null, null);

            StoredMessage stored = store.message(reply.id()).orElseThrow();
            assertThat(stored.content()).as("round %d", round).isEqualTo(whole);
            assertThat(stored.state()).isEqualTo(MessageState.COMPLETE);
        }
    }

    @Test
    void aStreamingSaveAfterTheEndChangesNothing() {
        Conversation conversation = store.create("late", false);
        StoredMessage reply = store.startReply(conversation.id(), "LOCAL", "m");
        store.finishReply(reply.id(), "final", null, null, MessageState.COMPLETE, null, null);
        store.updateReply(reply.id(), "stale", null);
        store.failReply(reply.id(), "too late");
        StoredMessage stored = store.message(reply.id()).orElseThrow();
        assertThat(stored.content()).isEqualTo("final");
        assertThat(stored.state()).isEqualTo(MessageState.COMPLETE);
    }
}
