package jarvis.audio.source;

import jarvis.orchestrator.jobs.JobContext;
import java.util.concurrent.CancellationException;

/** Where long audio work says how far it is, and learns that it should stop. */
public interface Progress {

    Progress NONE = (fraction, step) -> {};

    /** How far, from 0 to 1, and what is being done. */
    void report(double fraction, String step);

    /** Throws {@link CancellationException} when the work is to stop; called between pieces of work. */
    default void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }

    /** A job's progress and cancel. */
    static Progress of(JobContext context) {
        return new Progress() {
            @Override
            public void report(double fraction, String step) {
                context.progress(fraction, step);
            }

            @Override
            public void checkCancelled() {
                context.checkCancelled();
            }
        };
    }

    /** This progress squeezed into the part of the whole from {@code from} to {@code to}. */
    default Progress part(double from, double to) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void report(double fraction, String step) {
                whole.report(from + (to - from) * Math.clamp(fraction, 0, 1), step);
            }

            @Override
            public void checkCancelled() {
                whole.checkCancelled();
            }
        };
    }
}
