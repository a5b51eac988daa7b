package jarvis.orchestrator.secrets;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import java.time.Instant;

/** A secret was stored or removed. Carries the name only, never the value. */
public record SecretChanged(CorrelationId correlationId, Instant at, String name, boolean present) implements Event {
    @Override public String topic() { return "settings"; }
    @Override public String summary() { return "Secret " + name + (present ? " stored" : " removed"); }
}
