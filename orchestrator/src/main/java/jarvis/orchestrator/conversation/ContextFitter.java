package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into a model's context by dropping the oldest turns, never the newest message. Tokens are
 * estimated at four characters each, plus a few per message, and room is kept for the answer.
 */
public final class ContextFitter {

    /** What was sent, and how many earlier messages were left out. */
    public record Fitted(List<ChatMessage> messages, int dropped, int estimatedTokens) {}

    /** The newest message alone is larger than the context. */
    public static final class TooLong extends RuntimeException {
        private final int estimatedTokens;
        private final int limit;

        TooLong(int estimatedTokens, int limit) {
            super("This message is about " + estimatedTokens + " tokens, more than the " + limit + " the model's context leaves for it. "
                    + "Shorten it, or raise ollama.contextTokens in Settings; nothing was sent.");
            this.estimatedTokens = estimatedTokens;
            this.limit = limit;
        }

        public int estimatedTokens() { return estimatedTokens; }
        public int limit() { return limit; }
    }

    private ContextFitter() {}

    public static int estimate(String text) {
        return (text == null ? 0 : text.length()) / 4 + 4;
    }

    /** The room for the conversation when {@code contextTokens} must also hold the answer. */
    public static int budget(int contextTokens) {
        return contextTokens - Math.min(2048, contextTokens / 4);
    }

    /** {@code system} is always kept; {@code history} ends with the newest message. */
    public static Fitted fit(ChatMessage system, List<ChatMessage> history, int contextTokens) {
        int budget = budget(contextTokens);
        ChatMessage newest = history.getLast();
        int used = estimate(system.content()) + estimate(newest.content());
        if (used > budget) {
            throw new TooLong(used, budget);
        }
        List<ChatMessage> kept = new ArrayList<>();
        kept.add(newest);
        int index = history.size() - 2;
        for (; index >= 0; index--) {
            int cost = estimate(history.get(index).content());
            if (used + cost > budget) {
                break;
            }
            used += cost;
            kept.addFirst(history.get(index));
        }
        // A reply without the question it answers confuses models: start the kept part at a person's message.
        while (kept.size() > 1 && kept.getFirst().role() != ChatMessage.Role.USER) {
            kept.removeFirst();
            index++;
        }
        kept.addFirst(system);
        return new Fitted(kept, history.size() - (kept.size() - 1), used);
    }
}
