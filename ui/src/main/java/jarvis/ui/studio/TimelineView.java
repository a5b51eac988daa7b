package jarvis.ui.studio;

import jarvis.audio.source.Peaks;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Edit;
import jarvis.audio.timeline.History;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Timing;
import jarvis.audio.timeline.Track;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;

/**
 * The timeline: a ruler in bars and beats over seconds, one lane per track with its clips and their waveforms, fade
 * handles, the loop region and the playhead. Drawn on a canvas (a long project has thousands of waveform columns, not
 * nodes), with the playhead on a canvas of its own above it so that following the audio redraws only a line. A drag on a
 * clip moves it (across tracks too), its edges trim it, the handles at its top corners fade it; each drag is one step to
 * undo. A click on the ruler moves the playhead; a shift-drag there sets the loop.
 */
final class TimelineView extends Region {

    static final double RULER = 30;
    static final double LANE = 84;
    private static final double EDGE = 7;
    private static final double HANDLE = 14;
    private static final Color[] COLOURS = {Color.web("#4f8fd6"), Color.web("#d6894f"), Color.web("#5bb06b"), Color.web("#b35fc2"),
            Color.web("#c2b25f"), Color.web("#5fb8c2")};

    /** What a drag on the timeline does, chosen where it began. */
    private enum Grip { MOVE, TRIM_START, TRIM_END, FADE_IN, FADE_OUT, LOOP }

    private final StudioViewModel model;
    private final Canvas canvas = new Canvas();
    private final Canvas overlay = new Canvas();
    /** Frames per pixel: the zoom. */
    private double scale = 1200;
    /** The frame at the left edge: the scroll. */
    private long left;
    private Snap snap = Snap.BEAT;
    private History.Gesture gesture;
    private Grip grip;
    private Clip grabbed;
    private ContextMenu menu;
    private long grabOffset;
    private long loopFrom;

    /** The grid that moves and trims land on. */
    enum Snap {
        OFF("No snap", 0), BAR("Bar", -1), BEAT("Beat", 1), HALF("½ beat", 0.5), QUARTER("¼ beat", 0.25);

        final String label;
        final double beats;

        Snap(String label, double beats) {
            this.label = label;
            this.beats = beats;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    TimelineView(StudioViewModel model) {
        this.model = model;
        setId("studio-timeline");
        overlay.setMouseTransparent(true);
        getChildren().addAll(canvas, overlay);
        setMinHeight(RULER + LANE);
        setFocusTraversable(true);
        model.projectProperty().addListener((seen, was, now) -> redraw());
        model.loadedProperty().addListener((seen, was, now) -> redraw());
        model.selectedProperty().addListener((seen, was, now) -> redraw());
        widthProperty().addListener((seen, was, now) -> redraw());
        heightProperty().addListener((seen, was, now) -> redraw());
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(e -> release());
        setOnMouseMoved(this::hover);
        setOnScroll(this::scrolled);
        setOnContextMenuRequested(e -> clipAt(e.getX(), e.getY()).ifPresent(clip -> {
            model.select(clip.id());
            if (menu != null) {
                menu.hide();
            }
            menu = ClipMenu.of(model, clip, this::chooseMidiFile);
            menu.show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        }));
    }

    /** Asks where to save a part's MIDI; empty when the person cancels. */
    private Optional<Path> chooseMidiFile(String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the part's MIDI");
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MIDI file", "*.mid"));
        // Not every platform's chooser adds the extension.
        return Optional.ofNullable(chooser.showSaveDialog(getScene().getWindow())).map(File::toPath)
                .map(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mid") ? file
                        : file.resolveSibling(file.getFileName() + ".mid"));
    }

    @Override
    protected void layoutChildren() {
        for (Canvas layer : List.of(canvas, overlay)) {
            layer.setWidth(Math.max(1, getWidth()));
            layer.setHeight(Math.max(1, getHeight()));
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return RULER + LANE * Math.max(1, model.project().tracks().size()) + 20;
    }

    void snap(Snap chosen) {
        snap = chosen;
    }

    Snap snap() {
        return snap;
    }

    /** Zooms by a factor (above 1 is closer) around an x position. */
    void zoom(double factor, double aroundX) {
        long anchor = frameAt(aroundX);
        scale = Math.clamp(scale / factor, 16, 48_000 * 4.0);
        left = Math.max(0, anchor - Math.round(aroundX * scale));
        redraw();
    }

    /** Shows the whole project in the width there is. */
    void fit() {
        long end = Math.max(model.project().end(), model.project().timing().rate() * 8L);
        scale = Math.max(16, end / Math.max(100, getWidth() - 40));
        left = 0;
        redraw();
    }

    double scale() {
        return scale;
    }

    long frameAt(double x) {
        return Math.max(0, left + Math.round(x * scale));
    }

    double xOf(long frame) {
        return (frame - left) / scale;
    }

    /** A frame put on the grid chosen (bars and beats of the project's timing), unless snapping is off. */
    long snapped(long frame) {
        Timing timing = model.project().timing();
        if (snap == Snap.OFF) {
            return frame;
        }
        double beats = snap == Snap.BAR ? timing.beatsPerBar() : snap.beats;
        double step = timing.framesPerBeat() * beats;
        return Math.round(Math.round(frame / step) * step);
    }

    private Optional<Track> trackAt(double y) {
        int lane = (int) Math.floor((y - RULER) / LANE);
        List<Track> tracks = model.project().tracks();
        return y >= RULER && lane >= 0 && lane < tracks.size() ? Optional.of(tracks.get(lane)) : Optional.empty();
    }

    private Optional<Clip> clipAt(double x, double y) {
        long frame = frameAt(x);
        return trackAt(y).flatMap(track -> track.clips().stream().filter(c -> frame >= c.start() - EDGE * scale && frame < c.end() + EDGE * scale)
                .reduce((a, b) -> b));
    }

    private Grip gripOn(Clip clip, double x, double y) {
        double x0 = xOf(clip.start());
        double x1 = xOf(clip.end());
        double top = RULER + Math.floor((y - RULER) / LANE) * LANE + 4;
        if (y - top < HANDLE) {
            if (Math.abs(x - xOf(clip.start() + clip.fadeIn())) < EDGE + 2 && x - x0 > EDGE) {
                return Grip.FADE_IN;
            }
            if (Math.abs(x - xOf(clip.end() - clip.fadeOut())) < EDGE + 2 && x1 - x > EDGE) {
                return Grip.FADE_OUT;
            }
        }
        if (x - x0 < EDGE) {
            return Grip.TRIM_START;
        }
        if (x1 - x < EDGE) {
            return Grip.TRIM_END;
        }
        return Grip.MOVE;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() == MouseButton.SECONDARY || (e.isPopupTrigger() && e.isControlDown())) {
            // The clip's menu (a right click, or a Control-click on a Mac), not a drag.
            return;
        }
        if (e.getY() < RULER) {
            if (e.isShiftDown()) {
                // A shift-drag sets the loop region; a shift-click, with no drag, clears it.
                grip = Grip.LOOP;
                loopFrom = snapped(frameAt(e.getX()));
                gesture = model.history().begin();
                gesture.update(new Edit.SetLoop(Optional.empty()));
            } else {
                model.seek(frameAt(e.getX()));
                drawPlayhead();
            }
            return;
        }
        Optional<Clip> hit = clipAt(e.getX(), e.getY());
        if (hit.isEmpty()) {
            model.select(null);
            model.seek(snapped(frameAt(e.getX())));
            drawPlayhead();
            return;
        }
        grabbed = hit.get();
        model.select(grabbed.id());
        grip = gripOn(grabbed, e.getX(), e.getY());
        grabOffset = frameAt(e.getX()) - grabbed.start();
        gesture = model.history().begin();
    }

    private void dragged(MouseEvent e) {
        if (gesture == null) {
            return;
        }
        long at = frameAt(e.getX());
        Edit edit = switch (grip) {
            case MOVE -> new Edit.MoveClip(grabbed.id(), trackAt(Math.clamp(e.getY(), RULER, RULER + LANE * model.project().tracks().size() - 1))
                    .map(Track::id).orElseGet(() -> model.project().trackOf(grabbed.id()).orElseThrow().id()), Math.max(0, snapped(at - grabOffset)));
            case TRIM_START -> new Edit.TrimStart(grabbed.id(), snapped(at));
            case TRIM_END -> new Edit.TrimEnd(grabbed.id(), snapped(at), model.sourceFrames(grabbed.sourceId()));
            case FADE_IN -> new Edit.SetFades(grabbed.id(), Math.max(0, at - grabbed.start()), grabbed.fadeOut());
            case FADE_OUT -> new Edit.SetFades(grabbed.id(), grabbed.fadeIn(), Math.max(0, grabbed.end() - at));
            case LOOP -> {
                long to = snapped(at);
                yield to == loopFrom ? new Edit.SetLoop(Optional.empty())
                        : new Edit.SetLoop(Optional.of(new Project.Loop(Math.min(loopFrom, to), Math.max(loopFrom, to))));
            }
        };
        gesture.update(edit);
    }

    private void release() {
        if (gesture != null) {
            gesture.commit();
        }
        gesture = null;
        grabbed = null;
    }

    /** Escape during a drag: back to how it was. */
    boolean cancelDrag() {
        if (gesture == null) {
            return false;
        }
        gesture.cancel();
        gesture = null;
        grabbed = null;
        return true;
    }

    private void hover(MouseEvent e) {
        Optional<Clip> hit = e.getY() < RULER ? Optional.empty() : clipAt(e.getX(), e.getY());
        setCursor(hit.map(clip -> switch (gripOn(clip, e.getX(), e.getY())) {
            case TRIM_START, TRIM_END -> Cursor.H_RESIZE;
            case FADE_IN, FADE_OUT -> Cursor.HAND;
            default -> Cursor.OPEN_HAND;
        }).orElse(Cursor.DEFAULT));
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown() || e.isControlDown()) {
            zoom(Math.exp(e.getDeltaY() / 300), e.getX());
        } else {
            double dx = e.getDeltaX() != 0 ? e.getDeltaX() : e.isShiftDown() ? e.getDeltaY() : 0;
            if (dx == 0) {
                return;
            }
            left = Math.max(0, left - Math.round(dx * scale));
            redraw();
        }
        e.consume();
    }

    /** Scrolls so that a frame is in view (the playhead, while playing). */
    void keepInView(long frame) {
        double x = xOf(frame);
        if (x < 0 || x > getWidth() - 20) {
            left = Math.max(0, frame - Math.round(getWidth() * 0.1 * scale));
            redraw();
        }
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Project project = model.project();
        g.setFill(Color.web("#1e2126"));
        g.fillRect(0, 0, w, h);
        drawLanes(g, project, w);
        drawRuler(g, project, w);
        drawPlayhead();
    }

    private void drawLanes(GraphicsContext g, Project project, double w) {
        List<Track> tracks = project.tracks();
        for (int lane = 0; lane < tracks.size(); lane++) {
            double top = RULER + lane * LANE;
            g.setFill(lane % 2 == 0 ? Color.web("#24282e") : Color.web("#212429"));
            g.fillRect(0, top, w, LANE);
            Track track = tracks.get(lane);
            Color colour = COLOURS[lane % COLOURS.length];
            boolean heard = project.audible(track);
            for (Clip clip : track.clips()) {
                double x0 = xOf(clip.start());
                double x1 = xOf(clip.end());
                if (x1 < 0 || x0 > w) {
                    continue;
                }
                drawClip(g, clip, x0, x1, top + 4, LANE - 8, heard ? colour : colour.desaturate().darker(), clip.id().equals(model.selectedProperty().get()));
            }
        }
        // Over the lanes, lightly, so that what repeats shows.
        project.activeLoop().ifPresent(loop -> {
            g.setFill(Color.web("#ffffff", 0.06));
            g.fillRect(xOf(loop.start()), RULER, xOf(loop.end()) - xOf(loop.start()), LANE * tracks.size());
        });
    }

    private void drawClip(GraphicsContext g, Clip clip, double x0, double x1, double top, double height, Color colour, boolean selected) {
        double from = Math.max(x0, -2);
        double to = Math.min(x1, canvas.getWidth() + 2);
        g.setFill(colour.deriveColor(0, 1, 0.55, 0.85));
        g.fillRoundRect(from, top, to - from, height, 6, 6);
        Optional<Peaks> peaks = model.waveform(clip.sourceId());
        double middle = top + height / 2;
        if (peaks.isPresent()) {
            int columns = (int) Math.max(1, Math.ceil(to - from));
            long firstFrame = clip.offset() + frameAt(from) - clip.start();
            long lastFrame = clip.offset() + frameAt(to) - clip.start();
            float[] left = peaks.get().columns(0, firstFrame, lastFrame, columns);
            float[] right = peaks.get().columns(peaks.get().channelCount() - 1, firstFrame, lastFrame, columns);
            g.setStroke(colour.brighter());
            g.setLineWidth(1);
            double reach = (height / 2 - 3) * Math.min(1.5, clip.gain());
            for (int c = 0; c < columns; c++) {
                double low = Math.min(left[2 * c], right[2 * c]);
                double high = Math.max(left[2 * c + 1], right[2 * c + 1]);
                double x = from + c + 0.5;
                g.strokeLine(x, middle - high * reach, x, middle - low * reach);
            }
        }
        // Fades: a line from the silent corner to the handle, and the handle itself.
        g.setStroke(Color.web("#ffffff", 0.85));
        g.setLineWidth(1.2);
        double fadeInX = xOf(clip.start() + clip.fadeIn());
        double fadeOutX = xOf(clip.end() - clip.fadeOut());
        if (clip.fadeIn() > 0) {
            g.strokeLine(x0, top + height, fadeInX, top);
        }
        if (clip.fadeOut() > 0) {
            g.strokeLine(fadeOutX, top, x1, top + height);
        }
        g.setFill(Color.web("#ffffff", 0.9));
        g.fillRect(fadeInX - 3, top, 6, 6);
        g.fillRect(fadeOutX - 3, top, 6, 6);
        if (selected) {
            g.setStroke(Color.web("#ffd24a"));
            g.setLineWidth(2);
            g.strokeRoundRect(x0 + 1, top + 1, x1 - x0 - 2, height - 2, 6, 6);
        }
    }

    private void drawRuler(GraphicsContext g, Project project, double w) {
        Timing timing = project.timing();
        g.setFill(Color.web("#2b2f36"));
        g.fillRect(0, 0, w, RULER);
        project.loop().ifPresent(loop -> {
            g.setFill(loop.on() ? Color.web("#4a9eff", 0.45) : Color.web("#8b949e", 0.3));
            g.fillRect(xOf(loop.start()), 0, xOf(loop.end()) - xOf(loop.start()), RULER / 2);
        });
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        // Bars with their numbers, and beats when there is room for them.
        double barPixels = timing.framesPerBar() / scale;
        int every = (int) Math.max(1, Math.pow(2, Math.ceil(Math.log(48 / Math.max(1e-6, barPixels)) / Math.log(2))));
        long firstBar = (long) Math.floor(frameAt(0) / timing.framesPerBar());
        for (long bar = firstBar; xOf(Math.round(bar * timing.framesPerBar())) < w; bar++) {
            double x = xOf(Math.round(bar * timing.framesPerBar()));
            if (bar % every == 0) {
                g.setStroke(Color.web("#9aa4b1"));
                g.strokeLine(x, 0, x, RULER / 2);
                g.setFill(Color.web("#d7dde5"));
                g.fillText(Long.toString(bar + 1), x + 3, 1);
            }
            if (barPixels / timing.beatsPerBar() > 8) {
                g.setStroke(Color.web("#5d6570"));
                for (int beat = 1; beat < timing.beatsPerBar(); beat++) {
                    double bx = x + beat * barPixels / timing.beatsPerBar();
                    g.strokeLine(bx, RULER / 4, bx, RULER / 2);
                }
            }
        }
        // Seconds underneath, at a step that leaves room for the labels.
        double[] steps = {0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
        double step = 600;
        for (double candidate : steps) {
            if (candidate * timing.rate() / scale >= 64) {
                step = candidate;
                break;
            }
        }
        long stepFrames = Math.round(step * timing.rate());
        g.setFill(Color.web("#9aa4b1"));
        for (long f = frameAt(0) / stepFrames * stepFrames; xOf(f) < w; f += stepFrames) {
            double x = xOf(f);
            g.setStroke(Color.web("#5d6570"));
            g.strokeLine(x, RULER - 5, x, RULER);
            g.fillText(timing.clock(f).replaceFirst("\\.000$", ""), x + 3, RULER / 2 + 1);
        }
        g.setStroke(Color.web("#3c424b"));
        g.strokeLine(0, RULER - 0.5, w, RULER - 0.5);
    }

    /** The playhead alone, on its own layer: called every frame while playing. */
    void drawPlayhead() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        double x = xOf(model.playhead());
        if (x >= 0 && x <= overlay.getWidth()) {
            g.setStroke(Color.web("#ff5a4f"));
            g.setLineWidth(1.5);
            g.strokeLine(x, 0, x, overlay.getHeight());
        }
    }
}
