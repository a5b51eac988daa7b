package jarvis.orchestrator.events;

import java.time.Instant;

/** A plain message worth showing in Activity: a dropped file no area takes, a started service, a warning. */
public record Notice(CorrelationId correlationId, Instant at, String topic, Level level, String summary)
        implements Event {

    public enum Level { INFO, WARNING, ERROR }

    public static Notice info(String topic, String summary) {
        return new Notice(CorrelationId.next(), Instant.now(), topic, Level.INFO, summary);
    }

    public static Notice warning(String topic, String summary) {
        return new Notice(CorrelationId.next(), Instant.now(), topic, Level.WARNING, summary);
    }
}
