package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.FastPath;
import jarvis.orchestrator.routing.Tier;
import jarvis.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start of a turn, read and written in one transaction: the conversation, the person's message stored, what
 * fits of the conversation into the context (or why nothing does), and the local reply row when one will stream.
 * A fast-path command needs neither context nor reply row.
 */
record TurnOpening(Conversation conversation, Optional<FastPath.Command> command, ContextFitter.Fitted fitted,
                   ContextFitter.TooLong tooLong, StoredMessage localReply, String localModel) {

    private static final String SYSTEM_PROMPT = Resources.text("prompts/system.txt");

    static TurnOpening open(TurnRequest request, ConversationStore store, Models models, int contextTokens) {
        Optional<FastPath.Command> command = FastPath.match(request.text());
        return store.together(() -> {
            Conversation conversation = request.conversationId() == null
                    ? store.create(title(request.text()), request.privateMode())
                    : store.find(request.conversationId()).orElseThrow(() -> new IllegalArgumentException(
                            "There is no conversation " + request.conversationId() + ". Run './jarvis history' to see them."));
            String localModel = conversation.model() != null ? conversation.model() : models.localModel();
            List<StoredMessage> earlier = store.messages(conversation.id());
            store.addUserMessage(conversation.id(), request.text());
            if (command.isPresent()) {
                return new TurnOpening(conversation, command, null, null, null, localModel);
            }
            try {
                ContextFitter.Fitted fitted = ContextFitter.fit(ChatMessage.system(SYSTEM_PROMPT), history(earlier, request.text()), contextTokens);
                StoredMessage reply = request.askCloud() ? null : store.startReply(conversation.id(), Tier.LOCAL.name(), localModel);
                return new TurnOpening(conversation, command, fitted, null, reply, localModel);
            } catch (ContextFitter.TooLong e) {
                return new TurnOpening(conversation, command, null, e, store.startReply(conversation.id(), Tier.LOCAL.name(), localModel),
                        localModel);
            }
        });
    }

    /** The conversation so far as a model reads it, ending with the new message; failed and replaced replies are left out. */
    private static List<ChatMessage> history(List<StoredMessage> earlier, String newest) {
        List<ChatMessage> history = new ArrayList<>();
        for (StoredMessage message : earlier) {
            boolean kept = message.state() == MessageState.COMPLETE || message.state() == MessageState.STOPPED
                    || message.state() == MessageState.INTERRUPTED || message.state() == MessageState.CUT;
            if (kept && !message.content().isBlank()) {
                history.add(message.role() == ChatMessage.Role.USER ? ChatMessage.user(message.content()) : ChatMessage.assistant(message.content()));
            }
        }
        history.add(ChatMessage.user(newest));
        return history;
    }

    private static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("New conversation");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
