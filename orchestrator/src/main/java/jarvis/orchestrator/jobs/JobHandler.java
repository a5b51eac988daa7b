package jarvis.orchestrator.jobs;

/**
 * Does one type of long work. It reports progress through the context, checks for cancellation between
 * steps, and throws to fail (a {@link PermanentJobFailure} is not retried).
 */
public interface JobHandler {

    /** The type name stored with each job, so a retry after a restart finds its handler. */
    String type();

    void run(JobContext context) throws Exception;
}
