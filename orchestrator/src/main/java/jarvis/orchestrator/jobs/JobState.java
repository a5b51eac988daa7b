package jarvis.orchestrator.jobs;

/** Where a job stands. RUNNING and QUEUED jobs found at start-up were cut off by a stop: they become INTERRUPTED. */
public enum JobState {
    QUEUED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    public boolean canRetry() {
        return this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }
}
