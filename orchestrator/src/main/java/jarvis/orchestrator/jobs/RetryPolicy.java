package jarvis.orchestrator.jobs;

import java.time.Duration;

/** How often a failing job is tried and how long it waits between tries: the delay doubles, with jitter. */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy of(int maxAttempts, Duration firstDelay) {
        return new RetryPolicy(maxAttempts, firstDelay, firstDelay.multipliedBy(64), 0.25);
    }
}
