package jarvis.ui.studio;

import jarvis.audio.store.ProjectBook;
import jarvis.audio.timeline.Project;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Saves the Studio area's project: after each change off the UI thread, a burst of changes written once as the last of
 * them; or now, on the caller's thread, before a mixdown, another project or the window closing. One save at a time,
 * so none writes an older copy after a newer one; a project already saved is not written again.
 */
final class ProjectSaver {

    private final ProjectBook projects;
    private final Executor background;
    /** Told, on no particular thread, why a save in the background failed. */
    private final Consumer<String> failed;
    private final Object lock = new Object();
    private final AtomicBoolean saving = new AtomicBoolean();
    private volatile Project toSave;
    private Project savedLast;

    ProjectSaver(ProjectBook projects, Project opened, Executor background, Consumer<String> failed) {
        this.projects = projects;
        this.background = background;
        this.failed = failed;
        this.toSave = opened;
        this.savedLast = opened;
    }

    /** Saves {@code project} soon, off this thread. */
    void later(Project project) {
        toSave = project;
        if (saving.compareAndSet(false, true)) {
            background.execute(this::saveLatest);
        }
    }

    /**
     * Saves {@code project} on this thread, unless it is saved already.
     *
     * @throws RuntimeException when it could not be (changed elsewhere, the database gone)
     */
    void now(Project project) {
        synchronized (lock) {
            if (project != savedLast) {
                projects.save(project);
                savedLast = project;
            }
        }
    }

    /** A project just opened, as read: saved as it is. */
    void opened(Project project) {
        synchronized (lock) {
            savedLast = project;
            toSave = project;
        }
    }

    private void saveLatest() {
        Project last = null;
        try {
            while (last != toSave) {
                last = toSave;
                now(last);
            }
        } catch (RuntimeException e) {
            failed.accept("The project could not be saved: " + e.getMessage());
        } finally {
            saving.set(false);
        }
        // A change that came after the last look but before the flag was down is saved too.
        if (last != toSave && saving.compareAndSet(false, true)) {
            background.execute(this::saveLatest);
        }
    }
}
