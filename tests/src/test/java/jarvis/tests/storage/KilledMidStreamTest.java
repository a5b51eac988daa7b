package jarvis.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.storage.Database;
import jarvis.tests.simulators.OllamaSimulator;
import jarvis.tests.simulators.Script;
import jarvis.tests.support.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed with SIGKILL while a reply streams; the app started again shows the partial reply, marked interrupted. */
class KilledMidStreamTest {

    @TempDir
    Path home;

    /** The streaming reply as the database holds it now, read through the asking process's own database server. */
    private String storedReply() {
        try (Database database = Database.openFile(new DataFolder(home).databaseBase())) {
            return database.inTransaction(connection -> {
                try (var rows = connection.createStatement().executeQuery("SELECT content FROM messages WHERE role = 'ASSISTANT'")) {
                    return rows.next() ? rows.getString(1) : "";
                }
            });
        }
    }

    @Test
    void thePartialReplySurvivesTheKillAndIsMarkedInterrupted() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            ollama.enqueue(Script.answer().text("The first half ").pause(800).text("arrives, ").pause(60_000).text("never").complete("stop", 1, 1));
            try (JavaProcess asking = JavaProcess.app(home, Map.of("OLLAMA_HOST", ollama.baseUrl()), List.of(), "ask", "--new", "Tell me everything")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> asking.stdout().contains("The first half arrives, ") || !asking.isAlive());
                assertThat(asking.stdout()).as("stderr: %s", asking.stderr()).contains("The first half arrives, ");
                // Shown is not yet stored: wait until the reply's periodic save has reached the database, then kill.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> storedReply().contains("arrives, "));
                asking.kill();
            }
        }
        Core restarted = new Core(new DataFolder(home), Map.of());
        try {
            Core.Storage storage = restarted.openStorage();
            storage.recoverAfterRestart();
            ConversationStore store = storage.conversations().store();
            List<StoredMessage> messages = store.messages(store.list().getFirst().id());
            assertThat(messages).extracting(StoredMessage::role).containsExactly(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT);
            StoredMessage reply = messages.getLast();
            assertThat(reply.state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(reply.content()).isEqualTo("The first half arrives, ");
            assertThat(reply.error()).contains("stopped while this reply was arriving");
        } finally {
            restarted.close();
        }
    }
}
