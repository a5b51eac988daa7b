package jarvis.cad.mesh;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Two pieces of work at once: one on the calling thread, the other on a thread of its own. Not the common fork-join
 * pool: on a two-core machine it has one worker, and whatever else is queued there would make the work wait and run
 * one piece after the other.
 */
final class InTwo {

    /** What each piece made. */
    record Both<A, B>(A here, B meanwhile) {}

    /** Below this many triangles a second thread costs more than it saves. */
    static final int WORTH_A_THREAD = 100_000;

    private InTwo() {}

    static void run(int triangles, Runnable here, Runnable meanwhile) {
        both(triangles, () -> {
            here.run();
            return null;
        }, () -> {
            meanwhile.run();
            return null;
        });
    }

    /**
     * Runs {@code here} on this thread and {@code meanwhile} on another; returns what both made, or throws what either
     * threw. Work on fewer than {@link #WORTH_A_THREAD} triangles runs on this thread, one piece after the other.
     */
    static <A, B> Both<A, B> both(int triangles, Supplier<A> here, Supplier<B> meanwhile) {
        if (triangles < WORTH_A_THREAD) {
            return new Both<>(here.get(), meanwhile.get());
        }
        AtomicReference<B> made = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread other = Thread.ofPlatform().daemon().name("jarvis-mesh").start(() -> {
            try {
                made.set(meanwhile.get());
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        A mine;
        try {
            mine = here.get();
        } finally {
            awaitUninterruptibly(other);
        }
        if (failed.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failed.get() instanceof Error e) {
            throw e;
        }
        return new Both<>(mine, made.get());
    }

    /**
     * Waits for the other thread to end, even when this one is interrupted (the interrupt is kept for later): the
     * other thread writes into arrays this one is about to read, and a mapped file must not be closed under it.
     */
    private static void awaitUninterruptibly(Thread other) {
        boolean interrupted = false;
        while (true) {
            try {
                other.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
