package jarvis.orchestrator.settings;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import java.time.Instant;

/** A setting took a new value; services that read it apply it without a restart. */
public record SettingChanged(CorrelationId correlationId, Instant at, String name, String value) implements Event {
    @Override public String topic() { return "settings"; }
    @Override public String summary() { return "Setting " + name + " is now " + value; }
}
