package jarvis.orchestrator.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How to reverse a change: its label ("Undo: put Bench light back") and the calls that put things back as they were,
 * carried out by the {@link ToolRunner} like any other, so the hazard policy, the confirmation and the audit log apply.
 */
public record Undo(String label, List<Step> steps) {

    /** One call of the reversal. */
    public record Step(Tool tool, JsonNode arguments) {}

    public Undo {
        steps = List.copyOf(steps);
    }
}
