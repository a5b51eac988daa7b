package jarvis.ui.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Passes only the newest of a burst of values to the UI: however fast values arrive, at most one hand-over is
 * queued on the UI executor at a time, so a high-rate feed costs at most one update per frame.
 */
public final class Coalescer<T> {

    private final Executor ui;
    private final Consumer<T> apply;
    private final AtomicReference<T> pending = new AtomicReference<>();

    public Coalescer(Executor ui, Consumer<T> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    public void offer(T value) {
        if (pending.getAndSet(value) == null) {
            ui.execute(() -> apply.accept(pending.getAndSet(null)));
        }
    }
}
