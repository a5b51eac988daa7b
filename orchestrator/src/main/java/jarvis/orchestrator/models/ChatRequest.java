package jarvis.orchestrator.models;

import java.util.List;

/** One request to a model: which model, the messages, the tools it may call, and the options. */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, ChatOptions options) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = options == null ? ChatOptions.defaults() : options;
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, List.of(), ChatOptions.defaults());
    }
}
