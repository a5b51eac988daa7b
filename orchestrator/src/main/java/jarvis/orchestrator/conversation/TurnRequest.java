package jarvis.orchestrator.conversation;

/**
 * What the person sent. {@code conversationId} null starts a new conversation (private when {@code privateMode});
 * {@code askCloud} asks for the cloud model for this message.
 */
public record TurnRequest(String conversationId, String text, boolean privateMode, boolean askCloud) {

    public static TurnRequest in(String conversationId, String text) {
        return new TurnRequest(conversationId, text, false, false);
    }
}
