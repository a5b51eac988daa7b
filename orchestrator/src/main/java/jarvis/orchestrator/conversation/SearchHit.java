package jarvis.orchestrator.conversation;

/** A message that matched a search, with the conversation it belongs to. */
public record SearchHit(StoredMessage message, String conversationTitle) {}
