package jarvis.orchestrator.models;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call a model made. {@code arguments} is the parsed JSON object, or null when the model's text was not
 * valid JSON; {@code rawArguments} is what the model sent, kept for the confidence score and for display.
 */
public record ToolCall(String id, String name, JsonNode arguments, String rawArguments) {

    public boolean argumentsAreJson() {
        return arguments != null && arguments.isObject();
    }
}
