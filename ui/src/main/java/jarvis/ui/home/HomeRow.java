package jarvis.ui.home;

import jarvis.devices.home.Entity;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A line of the Home area: an area's heading, a domain's heading within it, or an entity. */
public sealed interface HomeRow {

    /** An area ({@code "No area"} for entities without one), or a domain within it when {@code domain} is set. */
    record Heading(String area, String domain) implements HomeRow {}

    /**
     * What is shown of an entity. {@code stale}: its source is not connected, so the state is the one from
     * {@code since} and the controls are off; {@code favourite}: pinned on top; {@code marked}: the person marked it
     * hazardous, so every action on it waits for a confirmation.
     */
    record Shown(Entity entity, boolean stale, Instant since, boolean favourite, boolean marked) {}

    /**
     * An entity's line. It stays the same object while the entity changes, and only what it shows is replaced: a
     * change redraws the one cell that shows it, if any, and the list itself does not change.
     */
    final class Item implements HomeRow {

        private final ObjectProperty<Shown> shown;

        Item(Shown shown) {
            this.shown = new SimpleObjectProperty<>(shown);
        }

        public ReadOnlyObjectProperty<Shown> shown() {
            return shown;
        }

        void show(Shown now) {
            shown.set(now);
        }

        public Entity entity() {
            return shown.get().entity();
        }
    }
}
