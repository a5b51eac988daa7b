package jarvis.orchestrator.tools;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import java.time.Instant;
import java.util.Locale;

/** An action was carried out, refused or failed, and is in the audit log: for Activity to show. */
public record ActionTaken(CorrelationId correlationId, Instant at, String requestedBy, ToolRunner.Card card) implements Event {

    @Override
    public String topic() {
        return "actions";
    }

    @Override
    public String summary() {
        return card.summary() + " (" + requestedBy + ", " + card.hazard().name().toLowerCase(Locale.ROOT) + ")";
    }
}
