package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The conversation a tool call comes from, for a tool whose work might leave this machine (a cloud CAD service): its
 * id, for the route record, and whether it is private, in which case nothing of it may go out. A call from a click
 * or the command line has none.
 */
public record CallScope(String conversationId, boolean privateConversation) {

    private static final ScopedValue<CallScope> CURRENT = ScopedValue.newInstance();

    /** The scope of the call this thread is running, if it came from a conversation. */
    public static Optional<CallScope> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** Runs a tool with this scope as the current one. */
    ToolResult run(Tool tool, JsonNode arguments) throws ToolException {
        return ScopedValue.where(CURRENT, this).call(() -> tool.run(arguments));
    }
}
