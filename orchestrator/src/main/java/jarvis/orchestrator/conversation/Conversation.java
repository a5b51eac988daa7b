package jarvis.orchestrator.conversation;

import java.time.Instant;

/** A conversation as the list shows it. A private one never leaves this machine. */
public record Conversation(String id, String title, boolean pinned, boolean privateMode, String model,
                           Instant createdAt, Instant updatedAt) {}
