package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The conversation a tool call comes from, for a tool whose work might leave this machine (a cloud CAD service): its
 * id, for the route record, and whether it is private, in which case nothing of it may go out. A call from a click
 * or the command line has none. Every call, from wherever it comes, can also ask whether the person has stopped it
 * ({@link #stopped()}), so that long work (a paid cloud job) ends with the turn it belongs to.
 */
public record CallScope(String conversationId, boolean privateConversation) {

    private static final ScopedValue<CallScope> CURRENT = ScopedValue.newInstance();
    private static final ScopedValue<BooleanSupplier> STOPPED = ScopedValue.newInstance();

    /** The scope of the call this thread is running, if it came from a conversation. */
    public static Optional<CallScope> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /**
     * Whether the person has stopped the call this thread is running (its turn stopped), as a supplier any thread the
     * call starts may ask; never true outside a call.
     */
    public static BooleanSupplier stopped() {
        return STOPPED.isBound() ? STOPPED.get() : () -> false;
    }

    /** Runs a tool with {@code scope}, when it has one, as the current one, and {@code stopped} as its stop. */
    static ToolResult run(Optional<CallScope> scope, BooleanSupplier stopped, Tool tool, JsonNode arguments) throws ToolException {
        ScopedValue.Carrier carrier = ScopedValue.where(STOPPED, stopped);
        return (scope.isPresent() ? carrier.where(CURRENT, scope.get()) : carrier).call(() -> tool.run(arguments));
    }
}
