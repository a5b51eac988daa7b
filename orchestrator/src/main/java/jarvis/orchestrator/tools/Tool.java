package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Something a model may do in a turn: a name, what it is for, a JSON Schema for its arguments (checked before it
 * runs), and its hazard class. A tool of class {@link Hazard#ACT} may still find one particular call hazardous (a
 * service call that unlocks a door): {@link #needsConfirmation} says so, and the call then waits for a person.
 */
public interface Tool {

    String name();

    /** What it does, for the model. */
    String description();

    /** A JSON Schema object for the arguments. */
    JsonNode parameters();

    Hazard hazard();

    /** Why this call waits for a person's confirmation, or empty; every call of a {@link Hazard#HAZARD} tool does. */
    default Optional<String> needsConfirmation(JsonNode arguments) {
        return hazard() == Hazard.HAZARD ? Optional.of(name() + " always asks first") : Optional.empty();
    }

    /** The call in words, for its card and for the confirmation: "turn off Bench light". */
    String describe(JsonNode arguments);

    /** The state of what the call acts on, for the confirmation ("locked since 08:12"); empty when there is none. */
    default String currentState(JsonNode arguments) {
        return "";
    }

    /** Runs the call (arguments already checked against the schema); throws {@link ToolException} with a reason to show. */
    ToolResult run(JsonNode arguments) throws ToolException;
}
