package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The conversation a tool call comes from, for a tool whose work might leave this machine (a cloud CAD service): its
 * id, for the route record, and whether it is private, in which case nothing of it may go out. A call from a click
 * or the command line has none. Every call, from wherever it comes, can also ask whether the person has stopped it
 * ({@link #stopped()}), so that long work (a paid cloud job) ends with the turn it belongs to.
 */
public record CallScope(String conversationId, boolean privateConversation) {

    private static final ScopedValue<CallScope> CURRENT = ScopedValue.newInstance();
    private static final ScopedValue<BooleanSupplier> STOPPED = ScopedValue.newInstance();
    private static final ScopedValue<Consumer<String>> PROGRESS = ScopedValue.newInstance();

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

    /** Where the call this thread is running says how long work is going, a line at a time; nowhere outside a call. */
    public static Consumer<String> progress() {
        return PROGRESS.isBound() ? PROGRESS.get() : said -> { };
    }

    /** Runs a tool with {@code scope}, when it has one, as the current one, {@code stopped} as its stop, {@code progress} for its steps. */
    static ToolResult run(Optional<CallScope> scope, BooleanSupplier stopped, Consumer<String> progress, Tool tool, JsonNode arguments)
            throws ToolException {
        ScopedValue.Carrier carrier = ScopedValue.where(STOPPED, stopped).where(PROGRESS, progress);
        return (scope.isPresent() ? carrier.where(CURRENT, scope.get()) : carrier).call(() -> tool.run(arguments));
    }
}
