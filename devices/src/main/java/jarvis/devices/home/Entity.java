package jarvis.devices.home;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity as Jarvis knows it: its id and domain, the name a person uses (and the aliases they gave it), its area,
 * its state with the attributes that came with it, when the state last changed, and the source it came from.
 * {@code available} is false for {@code unavailable} and {@code unknown}. {@code mqttUniqueId} is the MQTT discovery
 * {@code unique_id} when the entity came from MQTT, seen directly or through Home Assistant, so one device seen both
 * ways is shown once; null otherwise.
 */
public record Entity(String entityId, String name, List<String> aliases, String area, String state, Map<String, Object> attributes,
                     Instant lastChanged, String source, String mqttUniqueId) {

    public Entity {
        aliases = List.copyOf(aliases);
        // Attributes may hold nulls (a light's brightness while it is off): kept, not refused.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String domain() {
        int dot = entityId.indexOf('.');
        return dot < 0 ? entityId : entityId.substring(0, dot);
    }

    public boolean available() {
        return !state.equals("unavailable") && !state.equals("unknown");
    }

    /** The same entity in a new state, keeping what is known of it. */
    public Entity withState(String newState, Map<String, Object> newAttributes, Instant changed) {
        return new Entity(entityId, name, aliases, area, newState, newAttributes, changed, source, mqttUniqueId);
    }
}
