package jarvis.devices.homeassistant;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity as Jarvis knows it: its id and domain, the name a person uses (and the aliases they gave it), its area,
 * its state with the attributes that came with it, and when the state last changed. {@code available} is false for
 * Home Assistant's {@code unavailable} and {@code unknown}.
 */
public record Entity(String entityId, String name, List<String> aliases, String area, String state, Map<String, Object> attributes,
                     Instant lastChanged) {

    public Entity {
        aliases = List.copyOf(aliases);
        // Home Assistant's attributes may hold nulls (a light's brightness while it is off): kept, not refused.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String domain() {
        int dot = entityId.indexOf('.');
        return dot < 0 ? entityId : entityId.substring(0, dot);
    }

    public boolean available() {
        return !state.equals("unavailable") && !state.equals("unknown");
    }

    /** The same entity in a new state, keeping what the registries said of it. */
    Entity withState(String newState, Map<String, Object> newAttributes, Instant changed) {
        return new Entity(entityId, name, aliases, area, newState, newAttributes, changed);
    }
}
