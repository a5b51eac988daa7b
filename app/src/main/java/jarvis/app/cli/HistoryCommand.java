package jarvis.app.cli;

import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.SearchHit;
import jarvis.orchestrator.conversation.StoredMessage;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis history}: the conversations, one conversation, or a full-text search over all of them. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists conversations; with --conversation shows one; with --search finds messages in every conversation.")
final class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @ParentCommand JarvisCommand root;
    @Option(names = "--search", paramLabel = "TEXT", description = "Whole words to find, in any conversation.") String search;
    @Option(names = "--conversation", paramLabel = "ID", description = "Show this conversation's messages.") String conversation;

    @Override
    public Integer call() {
        ConversationStore store = root.core().openStorage().conversations().store();
        PrintWriter out = root.out();
        if (search != null) {
            List<SearchHit> hits = store.search(search, 50);
            Table table = new Table("WHEN", "CONVERSATION", "ID", "WHO", "MESSAGE");
            hits.forEach(hit -> table.row(TIME.format(hit.message().createdAt()), hit.conversationTitle(), hit.message().conversationId(),
                    who(hit.message()), oneLine(hit.message().content(), 100)));
            table.print(out);
            out.println(hits.size() + " message(s) found.");
            return 0;
        }
        if (conversation != null) {
            Conversation shown = store.find(conversation).orElse(null);
            if (shown == null) {
                root.err().println("jarvis: there is no conversation " + conversation + "; run 'jarvis history' to list them.");
                return JarvisCommand.BAD_INPUT;
            }
            out.println("# " + shown.title() + (shown.privateMode() ? " (private)" : ""));
            for (StoredMessage message : store.messages(conversation)) {
                out.println();
                out.println("[" + TIME.format(message.createdAt()) + "] " + who(message) + state(message) + ":");
                out.println(message.content().isEmpty() && message.error() != null ? message.error() : message.content());
            }
            return 0;
        }
        Table table = new Table("UPDATED", "ID", "TITLE", "FLAGS");
        for (Conversation each : store.list()) {
            table.row(TIME.format(each.updatedAt()), each.id(), each.title(),
                    (each.pinned() ? "pinned " : "") + (each.privateMode() ? "private" : ""));
        }
        table.print(out);
        return 0;
    }

    private static String who(StoredMessage message) {
        return switch (message.role()) {
            case USER -> "you";
            case ASSISTANT -> "jarvis" + (message.tier() == null ? "" : " (" + message.tier().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (message.model() == null ? "" : ", " + message.model()) + ")");
            default -> message.role().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String state(StoredMessage message) {
        return message.state() == MessageState.COMPLETE ? "" : " [" + message.state().name().toLowerCase(Locale.ROOT) + "]";
    }

    private static String oneLine(String text, int width) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
