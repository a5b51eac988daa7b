package jarvis.orchestrator.health;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import java.time.Instant;

/** An integration's health changed. */
public record HealthChanged(CorrelationId correlationId, Health health) implements Event {
    @Override public Instant at() { return health.checkedAt(); }
    @Override public String topic() { return "health"; }
    @Override public String summary() {
        return health.integration() + ": " + health.status().name().toLowerCase().replace('_', ' ') + " — " + health.detail();
    }
}
