package jarvis.audio.timeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A project as it is edited: the edits done and undone, each one step. A drag is one step too: {@link #begin} starts a
 * gesture whose edit is replaced as the pointer moves, shown at once, and {@link Gesture#commit} puts it on the stack
 * as one. Used from one thread (the UI's); whoever listens hears each new project.
 */
public final class History {

    /** How many steps are kept to undo; the oldest go first. */
    static final int DEPTH = 500;

    private record Step(Edit edit, Project before) {}

    private final Deque<Step> done = new ArrayDeque<>();
    private final Deque<Step> undone = new ArrayDeque<>();
    private final Consumer<Project> listener;
    private Project project;
    private Gesture gesture;

    public History(Project project, Consumer<Project> listener) {
        this.project = project;
        this.listener = listener;
    }

    public Project project() {
        return project;
    }

    /**
     * Applies an edit as one step; an edit that cannot apply (a clip that is gone, a value out of range) throws and
     * changes nothing. Ends any gesture under way first, keeping it.
     */
    public Project perform(Edit edit) {
        if (gesture != null) {
            gesture.commit();
        }
        Project next = edit.apply(project);
        if (next.equals(project)) {
            return project;
        }
        push(new Step(edit, project));
        undone.clear();
        show(next);
        return next;
    }

    /** Starts a drag: each {@link Gesture#update} replaces the one before, from the project as it was now. */
    public Gesture begin() {
        if (gesture != null) {
            gesture.commit();
        }
        gesture = new Gesture(project);
        return gesture;
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    /** "Undo Move clip", for the menu; empty when there is nothing to undo. */
    public Optional<String> undoLabel() {
        return Optional.ofNullable(done.peek()).map(s -> s.edit().label());
    }

    public Optional<String> redoLabel() {
        return Optional.ofNullable(undone.peek()).map(s -> s.edit().label());
    }

    public void undo() {
        if (gesture != null) {
            gesture.cancel();
        }
        Step step = done.poll();
        if (step != null) {
            undone.push(new Step(step.edit(), step.before()));
            show(step.before());
        }
    }

    public void redo() {
        if (gesture != null) {
            gesture.cancel();
        }
        Step step = undone.poll();
        if (step != null) {
            push(step);
            show(step.edit().apply(step.before()));
        }
    }

    private void push(Step step) {
        done.push(step);
        if (done.size() > DEPTH) {
            done.removeLast();
        }
    }

    private void show(Project next) {
        project = next;
        listener.accept(next);
    }

    /** A drag in progress: one edit at a time, each applied to the project as it was when the drag began. */
    public final class Gesture {
        private final Project before;
        private Edit edit;

        private Gesture(Project before) {
            this.before = before;
        }

        /** Shows the drag's edit as it is now; an edit that cannot apply leaves the last one shown. */
        public void update(Edit now) {
            if (gesture != this) {
                return;
            }
            Project next;
            try {
                next = now.apply(before);
            } catch (IllegalArgumentException e) {
                return;
            }
            edit = now;
            show(next);
        }

        /** Ends the drag as one step (none when nothing changed). */
        public void commit() {
            if (gesture != this) {
                return;
            }
            gesture = null;
            if (edit != null && !project.equals(before)) {
                push(new Step(edit, before));
                undone.clear();
            }
        }

        /** Ends the drag and puts the project back as it was (Escape). */
        public void cancel() {
            if (gesture != this) {
                return;
            }
            gesture = null;
            if (!project.equals(before)) {
                show(before);
            }
        }
    }
}
