package jarvis.ui.fx;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;

/**
 * Runs work at the next frame, on the FX thread: whatever is handed over between two frames runs together, once per
 * frame, so a flood of changes (thousands of device states a second) costs one pass a frame, never a queue of
 * thousands. The frame timer runs only while there is work.
 */
public final class NextFrame implements Executor {

    private final Executor fx;
    private final Queue<Runnable> work = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private AnimationTimer timer;

    /** {@code fx}: how to reach the FX thread to start the frame timer. */
    public NextFrame(Executor fx) {
        this.fx = fx;
    }

    @Override
    public void execute(Runnable task) {
        work.add(task);
        if (running.compareAndSet(false, true)) {
            fx.execute(this::start);
        }
    }

    private void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frame();
                }
            };
        }
        timer.start();
    }

    private void frame() {
        Runnable task;
        int ran = 0;
        // What arrived before this frame began runs now; what its own work hands over waits for the next.
        for (int waiting = work.size(); ran < waiting && (task = work.poll()) != null; ran++) {
            task.run();
        }
        if (work.isEmpty()) {
            timer.stop();
            running.set(false);
            // Work handed over between the check and the stop starts the timer again.
            if (!work.isEmpty() && running.compareAndSet(false, true)) {
                timer.start();
            }
        }
    }
}
