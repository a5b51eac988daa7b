package jarvis.orchestrator.models;

import java.util.List;
import java.util.Objects;

/** One message of a conversation as a model sees it. */
public record ChatMessage(Role role, String content, String thinking, List<ToolCall> toolCalls, String toolCallId,
                          String toolName) {

    public enum Role { SYSTEM, USER, ASSISTANT, TOOL }

    public ChatMessage {
        Objects.requireNonNull(role);
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text, null, List.of(), null, null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text, null, List.of(), null, null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text, null, List.of(), null, null);
    }

    public static ChatMessage assistantCalling(List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, "", null, calls, null, null);
    }

    public static ChatMessage toolResult(ToolCall call, String result) {
        return new ChatMessage(Role.TOOL, result, null, List.of(), call.id(), call.name());
    }
}
