package jarvis.ui.chat;

import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ReadingOrder;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a stored conversation for the chat, in reading order ({@link ReadingOrder}), with every reply's route and the
 * cards of its tool calls: three queries.
 */
final class ConversationReader {

    private final ConversationService service;

    ConversationReader(ConversationService service) {
        this.service = service;
    }

    /** The conversation's messages as the chat shows them, each with its route and a reply with its earlier versions. */
    List<MessageItem> read(String conversationId) {
        Map<String, RouteRecord> routes = service.routes().ofConversation(conversationId).stream()
                .collect(Collectors.toMap(RouteRecord::id, Function.identity()));
        Map<Long, List<ToolRunner.Card>> cards = service.tools().map(tools -> tools.runner().cardsOf(conversationId)).orElse(Map.of());
        Function<StoredMessage, MessageItem> item = message -> {
            MessageItem made = MessageItem.of(message);
            made.route().set(message.routeId() == null ? null : routes.get(message.routeId()));
            made.cards().setAll(cards.getOrDefault(message.id(), List.of()));
            return made;
        };
        List<MessageItem> items = new ArrayList<>();
        for (ReadingOrder.Shown shown : ReadingOrder.of(service.store().messages(conversationId))) {
            MessageItem made = item.apply(shown.message());
            made.earlier().set(shown.earlier().stream().map(version -> item.apply(version.reply()).markEarlier(version.question(),
                    version.fold() == null ? null : item.apply(version.fold()))).toList());
            items.add(made);
        }
        return items;
    }
}
