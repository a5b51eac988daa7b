package jarvis.orchestrator.jobs;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import java.time.Instant;

/** A job started, moved, finished, failed or was cancelled. */
public record JobChanged(JobRecord job) implements Event {
    @Override public CorrelationId correlationId() { return job.correlationId(); }
    @Override public Instant at() { return job.updatedAt(); }
    @Override public String topic() { return "jobs"; }
    @Override public String summary() {
        String detail = job.message() == null || job.message().isBlank() ? "" : ": " + job.message();
        return "Job '" + job.title() + "' " + job.state().name().toLowerCase().replace('_', ' ') + detail;
    }
}
