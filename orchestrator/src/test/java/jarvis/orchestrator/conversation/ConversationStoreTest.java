package jarvis.orchestrator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationStoreTest {

    @TempDir
    Path folder;

    private Database database;
    private ConversationStore store;
    private final MutableClock clock = new MutableClock();

    /** A clock the test moves, so "most recently used" does not depend on timing. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");
        void advance() { now = now.plus(Duration.ofSeconds(1)); }
        @Override public Instant instant() { advance(); return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(folder);
        store = new ConversationStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReplyIsStoredAsItGrowsAndWhenItFinishes() {
        Conversation conversation = store.create("Bench lights", false);
        store.addUserMessage(conversation.id(), "Is the bench light on?");
        StoredMessage reply = store.startReply(conversation.id(), "local", "llama3.2");
        assertThat(store.message(reply.id()).orElseThrow().state()).isEqualTo(MessageState.STREAMING);

        store.updateReply(reply.id(), "It is", "");
        assertThat(store.message(reply.id()).orElseThrow().content()).isEqualTo("It is");

        store.finishReply(reply.id(), "It is on.", "checked the state", null, MessageState.COMPLETE, "route-1", null);
        StoredMessage done = store.message(reply.id()).orElseThrow();
        assertThat(done.content()).isEqualTo("It is on.");
        assertThat(done.thinking()).isEqualTo("checked the state");
        assertThat(done.routeId()).isEqualTo("route-1");
        assertThat(store.messages(conversation.id())).extracting(StoredMessage::role)
                .containsExactly(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT);
    }

    @Test
    void aReplyStreamingAtAStopIsMarkedInterruptedKeepingItsText() {
        Conversation conversation = store.create("Crash", false);
        StoredMessage reply = store.startReply(conversation.id(), "local", "llama3.2");
        store.updateReply(reply.id(), "Half of it", null);
        assertThat(store.markInterrupted()).isEqualTo(1);
        StoredMessage interrupted = store.message(reply.id()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(MessageState.INTERRUPTED);
        assertThat(interrupted.content()).isEqualTo("Half of it");
        assertThat(interrupted.error()).contains("Regenerate");
    }

    @Test
    void theListShowsPinnedFirstThenMostRecentAndDeleteCanBeUndone() {
        Conversation older = store.create("Older", false);
        Conversation newer = store.create("Newer", false);
        Conversation pinned = store.create("Pinned", false);
        store.pin(pinned.id(), true);
        store.addUserMessage(older.id(), "bump");
        assertThat(store.list()).extracting(Conversation::title).containsExactly("Pinned", "Older", "Newer");

        store.delete(older.id());
        assertThat(store.list()).extracting(Conversation::title).containsExactly("Pinned", "Newer");
        store.restore(older.id());
        assertThat(store.list()).extracting(Conversation::title).contains("Older");

        store.rename(newer.id(), "Renamed");
        store.setPrivate(newer.id(), true);
        Conversation renamed = store.find(newer.id()).orElseThrow();
        assertThat(renamed.title()).isEqualTo("Renamed");
        assertThat(renamed.privateMode()).isTrue();
    }

    @Test
    void searchFindsWholeWordsAcrossConversationsNewestFirstAndSkipsDeletedOnes() {
        Conversation printers = store.create("Printers", false);
        Conversation lights = store.create("Lights", false);
        store.addUserMessage(printers.id(), "Start the Prusa print of the bracket");
        store.addUserMessage(lights.id(), "Turn the bench light off");
        StoredMessage reply = store.startReply(printers.id(), "local", "m");
        store.finishReply(reply.id(), "The bracket print is queued on the Prusa", null, null, MessageState.COMPLETE, null, null);

        assertThat(store.search("bracket", 10)).extracting(hit -> hit.message().content())
                .containsExactly("The bracket print is queued on the Prusa", "Start the Prusa print of the bracket");
        assertThat(store.search("BENCH light", 10)).singleElement()
                .satisfies(hit -> assertThat(hit.conversationTitle()).isEqualTo("Lights"));
        assertThat(store.search("nothing-like-this", 10)).isEmpty();

        store.delete(lights.id());
        assertThat(store.search("bench", 10)).isEmpty();
    }
}
