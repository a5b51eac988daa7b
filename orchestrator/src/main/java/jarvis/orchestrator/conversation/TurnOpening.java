package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.FastPath;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.Tools;
import jarvis.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start of a turn, read and written in one transaction: the conversation, the person's message stored, what
 * fits of the conversation into the context (or why nothing does), and the local reply row when one will stream.
 * A fast-path command needs neither context nor reply row.
 */
record TurnOpening(Conversation conversation, Optional<FastPath.Command> command, Optional<CommandHandler> moduleCommand,
                   ContextFitter.Fitted fitted, ContextFitter.TooLong tooLong, StoredMessage localReply, String localModel,
                   String replacedRouteId) {

    private static final String SYSTEM_PROMPT = Resources.text("prompts/system.txt");

    static TurnOpening open(TurnRequest request, ConversationStore store, Models models, int contextTokens, Tools tools) {
        Optional<FastPath.Command> command = FastPath.match(request.text());
        Optional<CommandHandler> moduleCommand = command.isPresent() || tools == null ? Optional.empty() : tools.commandFor(request.text());
        return store.together(() -> {
            Conversation conversation = request.conversationId() == null
                    ? store.create(title(request.text()), request.privateMode())
                    : store.find(request.conversationId()).orElseThrow(() -> new IllegalArgumentException(
                            "There is no conversation " + request.conversationId() + ". Run './jarvis history' to see them."));
            String localModel = conversation.model() != null ? conversation.model() : models.localModel();
            List<StoredMessage> earlier = store.messages(conversation.id());
            String replacedRouteId = null;
            if (request.replaceLast()) {
                Replaced replaced = replaceLast(earlier, request.text(), store, conversation.id());
                earlier = replaced.before();
                replacedRouteId = replaced.routeId();
            } else {
                store.addUserMessage(conversation.id(), request.text());
            }
            if (command.isPresent() || moduleCommand.isPresent()) {
                return new TurnOpening(conversation, command, moduleCommand, null, null, null, localModel, replacedRouteId);
            }
            try {
                ContextFitter.Fitted fitted = ContextFitter.fit(ChatMessage.system(SYSTEM_PROMPT), history(earlier, request.text()), contextTokens);
                StoredMessage reply = request.askCloud() ? null : store.startReply(conversation.id(), Tier.LOCAL.name(), localModel);
                return new TurnOpening(conversation, command, moduleCommand, fitted, null, reply, localModel, replacedRouteId);
            } catch (ContextFitter.TooLong e) {
                return new TurnOpening(conversation, command, moduleCommand, null, e, store.startReply(conversation.id(), Tier.LOCAL.name(), localModel),
                        localModel, replacedRouteId);
            }
        });
    }

    /**
     * Answers the last message again: its replies become earlier versions (a folded local answer stays with the reply
     * it was folded beside), and a new wording is stored as the message while the old one is kept as an earlier version.
     * Returns the messages before it, the history the new answer reads, and the route of the reply it replaces.
     */
    private static Replaced replaceLast(List<StoredMessage> messages, String text, ConversationStore store, String conversationId) {
        int last = messages.size() - 1;
        while (last >= 0 && !(messages.get(last).role() == ChatMessage.Role.USER && messages.get(last).state() != MessageState.EARLIER)) {
            last--;
        }
        if (last < 0) {
            throw new IllegalArgumentException("This conversation has no message to answer again: send one first.");
        }
        List<StoredMessage> replies = messages.subList(last + 1, messages.size());
        if (replies.stream().anyMatch(reply -> reply.state() == MessageState.STREAMING)) {
            throw new IllegalStateException("The last reply is still arriving: stop it before asking for another.");
        }
        String routeId = null;
        for (StoredMessage reply : replies) {
            if (reply.state() != MessageState.SUPERSEDED && reply.state() != MessageState.EARLIER) {
                store.setState(reply.id(), MessageState.EARLIER);
                routeId = reply.routeId();
            }
        }
        StoredMessage question = messages.get(last);
        if (!question.content().equals(text)) {
            store.setState(question.id(), MessageState.EARLIER);
            store.addUserMessage(conversationId, text);
        }
        // Earlier wordings of this message, and the replies they had, stand just before it: they are not history.
        int cut = last;
        while (cut > 0 && (messages.get(cut - 1).state() == MessageState.EARLIER || messages.get(cut - 1).state() == MessageState.SUPERSEDED)) {
            cut--;
        }
        return new Replaced(messages.subList(0, cut), routeId);
    }

    private record Replaced(List<StoredMessage> before, String routeId) {}

    /**
     * The conversation so far as a model reads it, ending with the new message: each message with the reply shown for
     * it. When that reply failed or stopped before any text (a Regenerate that did not work), the newest earlier
     * version that has text stands in, so a failed retry never leaves a question unanswered in what the model reads.
     * Folded local answers and earlier wordings are left out.
     */
    private static List<ChatMessage> history(List<StoredMessage> earlier, String newest) {
        List<ChatMessage> history = new ArrayList<>();
        for (ReadingOrder.Shown shown : ReadingOrder.of(earlier)) {
            StoredMessage message = shown.message();
            if (message.role() == ChatMessage.Role.USER) {
                history.add(ChatMessage.user(message.content()));
            } else if (message.state() != MessageState.SUPERSEDED) {
                answerOf(shown).ifPresent(answer -> history.add(ChatMessage.assistant(answer)));
            }
        }
        history.add(ChatMessage.user(newest));
        return history;
    }

    private static Optional<String> answerOf(ReadingOrder.Shown shown) {
        StoredMessage reply = shown.message();
        boolean usable = reply.state() != MessageState.FAILED && reply.state() != MessageState.STREAMING && !reply.content().isBlank();
        if (usable) {
            return Optional.of(reply.content());
        }
        // Only a version that answered this same wording stands in: an answer to an earlier wording would mislead.
        return shown.earlier().reversed().stream().filter(version -> version.question() == null)
                .map(version -> version.reply().content()).filter(text -> !text.isBlank()).findFirst();
    }

    private static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("New conversation");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
