package jarvis.orchestrator.jobs;

import jarvis.orchestrator.events.CorrelationId;
import java.time.Instant;
import java.util.Optional;

/** A job as the database and the Activity list know it. {@code progress} runs from 0 to 1. */
public record JobRecord(String id, String type, String title, String payload, JobState state, double progress,
                        String message, int attempts, CorrelationId correlationId, Optional<String> retryOf,
                        Instant createdAt, Instant updatedAt) {

    JobRecord with(JobState newState, double newProgress, String newMessage, int newAttempts, Instant now) {
        return new JobRecord(id, type, title, payload, newState, newProgress, newMessage, newAttempts,
                correlationId, retryOf, createdAt, now);
    }
}
