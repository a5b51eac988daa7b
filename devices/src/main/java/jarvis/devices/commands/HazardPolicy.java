package jarvis.devices.commands;

import jarvis.devices.commands.DeviceGrammar.Action;
import jarvis.devices.homeassistant.Entity;
import java.util.Set;

/**
 * Which actions wait for a person's confirmation, whoever asked (the fast path, a click or a model): locking and
 * unlocking, arming and disarming an alarm, moving a garage door, door or gate, setting a climate above a
 * temperature, running a script (it can do anything) or a scene that moves any of these, and anything done to an
 * entity the person marked hazardous (a heater, a compressor, a saw, a garage opener that is a switch).
 */
public record HazardPolicy(Set<String> markedHazardous, double climateLimit) {

    /** The defaults: nothing marked, and a climate set above 30 °C asks first. */
    public static HazardPolicy standard() {
        return new HazardPolicy(Set.of(), 30);
    }

    /** The defaults with the entities a person marked hazardous: ids separated by commas or spaces. */
    public static HazardPolicy marking(String entityIds) {
        Set<String> marked = java.util.Arrays.stream(entityIds == null ? new String[0] : entityIds.split("[,\\s]+"))
                .map(String::strip).filter(id -> !id.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new HazardPolicy(marked, 30);
    }

    /** Why this action on this entity needs a confirmation, or null when it does not. */
    public String why(Entity entity, Action action, Double number) {
        if (markedHazardous.contains(entity.entityId())) {
            return entity.name() + " is marked hazardous";
        }
        return switch (entity.domain()) {
            case "lock" -> "it locks or unlocks " + entity.name();
            case "alarm_control_panel" -> "it arms or disarms the alarm";
            case "cover" -> {
                Object deviceClass = entity.attributes().get("device_class");
                yield deviceClass != null && Set.of("garage", "door", "gate").contains(deviceClass.toString())
                        && action != Action.IS_ON ? "it moves the " + deviceClass + " " + entity.name() : null;
            }
            case "climate" -> action == Action.SET_TEMPERATURE && number != null && number > climateLimit
                    ? "it sets " + entity.name() + " above " + climateLimit + " °C" : null;
            case "script" -> "a script can do anything";
            case "scene" -> movesSomethingHazardous(entity) ? "the scene " + entity.name() + " moves a lock, cover, alarm or climate device"
                    : null;
            default -> null;
        };
    }

    /** A scene lists its members in its {@code entity_id} attribute; one that cannot be read counts as hazardous. */
    private boolean movesSomethingHazardous(Entity scene) {
        Object members = scene.attributes().get("entity_id");
        if (!(members instanceof java.util.Collection<?> list)) {
            return members != null;
        }
        return list.stream().map(String::valueOf).anyMatch(member -> markedHazardous.contains(member)
                || Set.of("lock", "alarm_control_panel", "cover", "climate").contains(member.substring(0, Math.max(0, member.indexOf('.')))));
    }
}
