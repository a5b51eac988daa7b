package jarvis.orchestrator.jobs;

import jarvis.orchestrator.events.CorrelationId;
import java.util.concurrent.CancellationException;

/** What a running job sees: its input, a way to report progress, and whether it was cancelled. */
public interface JobContext {

    String payload();

    CorrelationId correlationId();

    /** Which try this is, from 1. */
    int attempt();

    /** Reports progress from 0 to 1 with a line that says what is happening now. */
    void progress(double fraction, String message);

    boolean isCancelled();

    default void checkCancelled() {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
