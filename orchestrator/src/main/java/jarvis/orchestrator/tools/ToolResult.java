package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a tool call gave: {@code forModel} goes back to the model (compact JSON), {@code summary} is its card's line
 * ("Turned off Bench light"), {@code changed} says whether it changed anything, and {@code undo} reverses it where
 * that can be done.
 */
public record ToolResult(JsonNode forModel, String summary, boolean changed, Optional<Undo> undo) {

    public static ToolResult read(JsonNode forModel, String summary) {
        return new ToolResult(forModel, summary, false, Optional.empty());
    }
}
