package jarvis.cad.make;

/**
 * A part that could not be made from words: the message says why (the model, OpenSCAD, the checks, Zoo) and what to
 * do. It also says whether a person stopped it (nothing else should then be tried) and whether a paid service had
 * already worked on it (its price counts against the budget).
 */
public final class CadMakeException extends Exception {

    /** How the attempt ended. */
    public enum Ending { FAILED, STOPPED, FAILED_AFTER_PAID_WORK, SETUP }

    private final Ending ending;

    public CadMakeException(String message) {
        this(message, null, Ending.FAILED);
    }

    public CadMakeException(String message, Throwable cause) {
        this(message, cause, Ending.FAILED);
    }

    public CadMakeException(String message, Throwable cause, Ending ending) {
        super(message, cause);
        this.ending = ending;
    }

    /** Whether a person stopped it (cancelled, or the work was interrupted). */
    public boolean stopped() {
        return ending == Ending.STOPPED;
    }

    /** Whether a tool on this machine is missing or would not start (OpenSCAD not installed, or not where the settings say). */
    public boolean needsSetup() {
        return ending == Ending.SETUP;
    }

    /** Whether a paid service had taken the job and worked on it before it failed. */
    public boolean afterPaidWork() {
        return ending == Ending.FAILED_AFTER_PAID_WORK;
    }
}
