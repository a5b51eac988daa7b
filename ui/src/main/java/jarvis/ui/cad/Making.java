package jarvis.ui.cad;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The makes and changes under way in the CAD area, and a person's Stop for them: counted on the UI thread, the stop
 * read by the work on its own threads. A Stop holds until all that was under way has ended.
 */
final class Making {

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private int running;
    private volatile boolean stopped;

    /** A make or change starts (UI thread); the first after a quiet spell clears an earlier Stop. */
    void begin() {
        if (running++ == 0) {
            stopped = false;
        }
        busy.set(true);
    }

    /** A make or change has ended (UI thread). */
    void end() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    void stop() {
        stopped = true;
    }

    /** Whether a person has stopped the work under way; any thread may ask. */
    boolean isStopped() {
        return stopped;
    }

    ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }
}
