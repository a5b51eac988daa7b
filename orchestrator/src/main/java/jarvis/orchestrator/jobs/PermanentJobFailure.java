package jarvis.orchestrator.jobs;

/** A failure that another try cannot mend (bad input, a missing file): the job fails at once. */
public final class PermanentJobFailure extends Exception {
    public PermanentJobFailure(String message) {
        super(message);
    }
}
