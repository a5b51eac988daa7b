package jarvis.ui.chat;

import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows one turn for the chat, on the turn's thread: each reply it starts becomes an item that says what it waits
 * for and carries the versions it replaces, and streamed text goes through the {@link StreamBuffer}.
 */
final class ReplyFollower implements TurnListener {

    /** A reply just started, with the conversation it belongs to. */
    record Started(MessageItem item, String conversationId) {}

    private final StreamBuffer buffer;
    private final List<MessageItem> replaced;
    private final Supplier<OptionalLong> takeoverSeconds;
    private final Consumer<Started> onStarted;
    private volatile String escalation;

    /**
     * @param replaced        the earlier versions a new reply carries (empty unless the last message is answered again)
     * @param takeoverSeconds after how long the cloud model takes over a local reply that has not begun, if it would;
     *                        asked on the turn's thread, as it reads the secrets
     * @param onStarted       told of each reply as it starts (on the turn's thread)
     */
    ReplyFollower(StreamBuffer buffer, List<MessageItem> replaced, Supplier<OptionalLong> takeoverSeconds, Consumer<Started> onStarted) {
        this.buffer = buffer;
        this.replaced = replaced;
        this.takeoverSeconds = takeoverSeconds;
        this.onStarted = onStarted;
    }

    @Override
    public void onReplyStarted(StoredMessage reply, Tier tier, String model) {
        MessageItem item = MessageItem.of(reply);
        long takeover = tier == Tier.LOCAL ? takeoverSeconds.get().orElse(0) : 0;
        item.waiting().set(tier == Tier.FAST_PATH ? null : new Waiting(model, System.nanoTime(), takeover, escalation));
        item.earlier().set(replaced);
        buffer.follow(item);
        onStarted.accept(new Started(item, reply.conversationId()));
    }

    @Override
    public void onEscalation(String reason) {
        escalation = reason;
    }

    @Override
    public void onText(String delta) {
        buffer.text(delta);
    }

    @Override
    public void onToolCall(ToolRunner.Card card) {
        buffer.card(card);
    }

    @Override
    public void onThinking(String delta) {
        buffer.thinking(delta);
    }
}
