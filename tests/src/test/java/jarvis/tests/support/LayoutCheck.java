package jarvis.tests.support;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * What a person would see as broken in a laid-out window: a node sticking out of its parent (so it is cut off), a
 * label or button whose text ends in an ellipsis because it does not fit, or a horizontal scroll bar. A parent that
 * clips its children on purpose (a scroll pane's viewport, a list's cells) is not asked to hold them whole, but what
 * it holds is checked; list and table cells may shorten long titles (they show them whole on hover); a code block or
 * a wide table in a reply may scroll sideways.
 */
public final class LayoutCheck {

    /** A pixel of rounding is not a fault. */
    private static final double SLACK = 1.0;

    private LayoutCheck() {}

    /** Every fault found under {@code root}, each described with where it is. */
    public static List<String> problems(Parent root) {
        List<String> found = new ArrayList<>();
        visit(root, found);
        return found;
    }

    private static void visit(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled) {
            shortened(labeled).ifPresent(found::add);
        }
        if (node instanceof Labeled labeled && node.isManaged() && !(node instanceof ListCell) && !(node instanceof TableCell)) {
            // A button or label laid out smaller than it needs draws its text or icon over its neighbours.
            double minHeight = labeled.minHeight(labeled.getWidth());
            if (labeled.getHeight() > 0 && labeled.getHeight() + SLACK < minHeight) {
                found.add(describe(labeled) + String.format(java.util.Locale.ROOT, " is squeezed to %.0f px high; it needs %.0f",
                        labeled.getHeight(), minHeight));
            }
        }
        if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && !insideWideBlock(bar)) {
            found.add("a horizontal scroll bar shows in " + describe(bar.getParent()));
        }
        if (node instanceof TextInputControl || !(node instanceof Parent parent) || isWideBlock(node)) {
            return;
        }
        Bounds room = parent.getLayoutBounds();
        boolean holdsWhole = parent instanceof Region && parent.getClip() == null && room.getWidth() > 0 && room.getHeight() > 0;
        // A scroll pane's content may be taller than its viewport (that is what scrolling is for), never wider.
        boolean scrollsDown = parent.getParent() != null && parent.getParent().getStyleClass().contains("viewport");
        for (Node child : parent.getChildrenUnmodifiable()) {
            Bounds taken = child.localToParent(child.getLayoutBounds());
            boolean checked = holdsWhole && child.isVisible() && child.isManaged() && !(child instanceof Group) && !(child instanceof Text)
                    && taken.getWidth() > 0 && taken.getHeight() > 0;
            boolean outSideways = taken.getMinX() < room.getMinX() - SLACK || taken.getMaxX() > room.getMaxX() + SLACK;
            boolean outUpOrDown = taken.getMinY() < room.getMinY() - SLACK || taken.getMaxY() > room.getMaxY() + SLACK;
            if (checked && (outSideways || (outUpOrDown && !scrollsDown))) {
                found.add(describe(child) + " sticks out of " + describe(parent) + ": " + box(taken) + " in " + box(room)
                        + (child instanceof Region region ? String.format(java.util.Locale.ROOT, " (its minimum width is %.0f)",
                        region.minWidth(-1)) : ""));
            }
            visit(child, found);
        }
    }

    /** A block of a reply that scrolls sideways on its own (a long code line, a wide table): what it holds may be wider. */
    private static boolean isWideBlock(Node node) {
        return node.getStyleClass().contains("wide-block");
    }

    private static java.util.Optional<String> shortened(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isEmpty() || labeled.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY
                || labeled instanceof ListCell || labeled instanceof TableCell) {
            return java.util.Optional.empty();
        }
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text shown && child.getClass().getSimpleName().equals("LabeledText")) {
                String visible = shown.getText();
                boolean cut = !visible.equals(text) && (visible.endsWith(labeled.getEllipsisString()) || visible.endsWith("…"));
                if (cut) {
                    return java.util.Optional.of(describe(labeled) + " shows \"" + visible + "\" for \"" + text + "\"");
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean insideWideBlock(Node node) {
        for (Node up = node; up != null; up = up.getParent()) {
            if (isWideBlock(up) || up instanceof TextInputControl) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        StringBuilder path = new StringBuilder();
        for (Node up = node; up != null && path.length() < 200; up = up.getParent()) {
            String name = up.getId() != null ? "#" + up.getId() : up.getClass().getSimpleName()
                    + (up.getStyleClass().isEmpty() ? "" : "." + up.getStyleClass().getFirst());
            path.insert(0, path.isEmpty() ? name : name + " > ");
            if (up.getId() != null && up != node) {
                break;
            }
        }
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            path.append(" \"").append(labeled.getText(), 0, Math.min(30, labeled.getText().length())).append('"');
        }
        return path.toString();
    }

    private static String box(Bounds bounds) {
        return String.format(java.util.Locale.ROOT, "[%.0f,%.0f %.0f×%.0f]", bounds.getMinX(), bounds.getMinY(), bounds.getWidth(),
                bounds.getHeight());
    }
}
