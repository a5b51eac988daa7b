package jarvis.orchestrator.tools;

import java.util.List;
import java.util.Optional;

/**
 * A module's tools (the house, printers, CAD, the studio), offered to a model only for a request they are relevant
 * to, with a compact slice of what the module knows that matches the request, never all of it.
 */
public interface ToolContributor {

    List<Tool> tools();

    /** Whether a request may need these tools ("turn off the shop lights" for the house; "how do I solder" not). */
    boolean relevantTo(String request);

    /** What the model should know for this request, such as the devices whose names it mentions; empty for nothing. */
    default Optional<String> context(String request) {
        return Optional.empty();
    }
}
