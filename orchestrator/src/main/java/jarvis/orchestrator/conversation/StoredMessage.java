package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import java.time.Instant;

/** A message as stored: its text, the reasoning apart from it, and for a reply which tier and model gave it. */
public record StoredMessage(long id, String conversationId, ChatMessage.Role role, String content, String thinking,
                            String toolCallsJson, MessageState state, String tier, String model, String routeId,
                            String error, Instant createdAt, Instant updatedAt) {}
