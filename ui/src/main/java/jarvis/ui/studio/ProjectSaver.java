package jarvis.ui.studio;

import jarvis.audio.store.ProjectBook;
import jarvis.audio.timeline.Project;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Saves the Studio area's project: after each change off the UI thread, a burst of changes written once as the last of
 * them; or at once, on the caller's thread, before a mixdown, another project or the window closing. Whoever saves
 * writes the newest project there is, never a copy it held on to, so an older copy cannot land after a newer one.
 */
final class ProjectSaver {

    private final ProjectBook projects;
    private final Executor background;
    /** Told, on no particular thread, why a save in the background failed. */
    private final Consumer<String> failed;
    private final Object lock = new Object();
    private final AtomicBoolean saving = new AtomicBoolean();
    /** The newest project: what the next save writes. */
    private volatile Project latest;
    private volatile Project savedLast;

    ProjectSaver(ProjectBook projects, Project opened, Executor background, Consumer<String> failed) {
        this.projects = projects;
        this.background = background;
        this.failed = failed;
        this.latest = opened;
        this.savedLast = opened;
    }

    /** The project changed to {@code project}: saved soon, off this thread. */
    void later(Project project) {
        latest = project;
        if (saving.compareAndSet(false, true)) {
            background.execute(this::saveInBackground);
        }
    }

    /**
     * Saves the newest project on this thread, unless it is saved already.
     *
     * @throws RuntimeException when it could not be (changed elsewhere, the database gone)
     */
    void flush() {
        synchronized (lock) {
            Project newest = latest;
            if (newest != savedLast) {
                projects.save(newest);
                savedLast = newest;
            }
        }
    }

    /** Another project opened, as read: saved as it is, and the newest from now on. */
    void opened(Project project) {
        synchronized (lock) {
            latest = project;
            savedLast = project;
        }
    }

    private void saveInBackground() {
        boolean saved = false;
        try {
            flush();
            saved = true;
        } catch (RuntimeException e) {
            failed.accept("The project could not be saved: " + e.getMessage());
        } finally {
            saving.set(false);
        }
        // A change that came while this one was written is saved too; after a failure, the next change tries again.
        if (saved && latest != savedLast && saving.compareAndSet(false, true)) {
            background.execute(this::saveInBackground);
        }
    }
}
