package jarvis.orchestrator.conversation;

/**
 * What the person sent. {@code conversationId} null starts a new conversation (private when {@code privateMode});
 * {@code askCloud} asks for the cloud model for this message. {@code replaceLast} answers the conversation's last
 * message again instead of adding one: its replies become earlier versions, and a {@code text} that differs from it
 * is an edit, which keeps the earlier wording with the replies that answered it.
 */
public record TurnRequest(String conversationId, String text, boolean privateMode, boolean askCloud, boolean replaceLast) {

    public TurnRequest(String conversationId, String text, boolean privateMode, boolean askCloud) {
        this(conversationId, text, privateMode, askCloud, false);
    }

    public static TurnRequest in(String conversationId, String text) {
        return new TurnRequest(conversationId, text, false, false);
    }

    /** Answers the conversation's last message again; a {@code text} that differs from it is an edit. */
    public static TurnRequest again(String conversationId, String text) {
        return new TurnRequest(conversationId, text, false, false, true);
    }

    /** Answers the conversation's last message again, with the cloud model. */
    public static TurnRequest againFromTheCloud(String conversationId, String text) {
        return new TurnRequest(conversationId, text, false, true, true);
    }
}
