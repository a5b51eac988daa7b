package jarvis.tests.bench;

import jarvis.app.Core;
import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.ui.chat.MarkdownRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;

/** What the chat benchmarks share: the reply they stream, conversations to open, and reading what a frame shows. */
final class ChatScreen {

    static final double FRAME_MS = 1000.0 / 60;

    private ChatScreen() {}

    /** A 2–4 KB Markdown reply with headings, a table, a list, a quote and a code block. */
    static String reply() throws IOException {
        try (InputStream in = ChatScreen.class.getResourceAsStream("/bench/reply.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The reply cut the way a model's tokenizer cuts English: a word with its leading space, long words in pieces of
     * at most six characters, punctuation and Markdown marks on their own.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean startsNew = !token.isEmpty() && (Character.isWhitespace(c) && !Character.isWhitespace(token.charAt(token.length() - 1))
                    || !Character.isLetterOrDigit(c) && !Character.isWhitespace(c) || token.length() >= 6
                    || Character.isLetterOrDigit(c) && !Character.isLetterOrDigit(token.charAt(token.length() - 1))
                    && !Character.isWhitespace(token.charAt(token.length() - 1)));
            if (startsNew) {
                tokens.add(token.toString());
                token.setLength(0);
            }
            token.append(c);
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** A conversation of {@code messages} messages, questions and Markdown answers in turn, ending with {@code last}. */
    static Conversation seed(ConversationStore store, String title, int messages, String last) {
        return store.together(() -> {
            Conversation conversation = store.create(title, false);
            for (int i = 0; i < messages - 2; i += 2) {
                store.addUserMessage(conversation.id(), String.format(Locale.ROOT, "Question %d: what wall thickness for bracket %d?", i, i));
                store.addReply(conversation.id(), String.format(Locale.ROOT, "## Bracket %d%n%nUse **four perimeters** and 40 %% infill.%n%n"
                        + "- PETG at 240 °C%n- Layers along the arm%n", i), "local", null);
            }
            store.addUserMessage(conversation.id(), "And the last question?");
            store.addReply(conversation.id(), last, "local", null);
            return conversation;
        });
    }

    static VBox messages(Scene scene) {
        return (VBox) scene.lookup("#messages");
    }

    /** How many characters of its reply the message view at {@code index} shows; -1 when there is no such view yet. */
    static int shownLength(Scene scene, int index) {
        Node page = page(scene, index);
        return page == null ? -1 : MarkdownRenderer.shownLength(page);
    }

    /** The Markdown page of the message view at {@code index}, or null when there is no such view yet. */
    static Node page(Scene scene, int index) {
        VBox messages = messages(scene);
        if (messages == null || messages.getChildren().size() <= index) {
            return null;
        }
        return messages.getChildren().get(index).lookup(".markdown");
    }
}
