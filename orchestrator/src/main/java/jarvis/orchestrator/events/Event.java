package jarvis.orchestrator.events;

import java.time.Instant;

/** Something that happened, as the Activity list shows it. */
public interface Event {
    CorrelationId correlationId();

    Instant at();

    /** The area it belongs to, for filtering: "settings", "jobs", "health", "artifacts". */
    String topic();

    /** One line a person can read. Never holds a secret. */
    String summary();
}
