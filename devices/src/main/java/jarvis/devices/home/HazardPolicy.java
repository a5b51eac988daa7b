package jarvis.devices.home;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** The entities a person marked hazardous (ids separated by commas or spaces) and the climate limit in °C. */
    public static HazardPolicy of(String entityIds, double climateLimit) {
        Set<String> marked = Arrays.stream(entityIds == null ? new String[0] : entityIds.split("[,\\s]+"))
                .map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new HazardPolicy(marked, climateLimit);
    }

    /** Why calling {@code service} on this entity with {@code data} needs a confirmation, or null when it does not. */
    public String why(Entity entity, String service, Map<String, ?> data) {
        if (markedHazardous.contains(entity.entityId())) {
            return entity.name() + " is marked hazardous";
        }
        return switch (entity.domain()) {
            case "lock" -> "it locks or unlocks " + entity.name();
            case "alarm_control_panel" -> "it arms or disarms the alarm";
            case "cover" -> {
                Object deviceClass = entity.attributes().get("device_class");
                yield deviceClass != null && Set.of("garage", "door", "gate").contains(deviceClass.toString())
                        && !service.equals("stop_cover") ? "it moves the " + deviceClass + " " + entity.name() : null;
            }
            case "climate" -> {
                List<Object> targets = Stream.of("temperature", "target_temp_high", "target_temp_low").filter(data::containsKey)
                        .map(key -> (Object) data.get(key)).toList();
                // A target that is not a number may still be read as one by Home Assistant ("35"): it asks first.
                if (targets.stream().anyMatch(target -> !(target instanceof Number))) {
                    yield "it sets " + entity.name() + " to a temperature that is not a plain number";
                }
                double highest = targets.stream().mapToDouble(target -> ((Number) target).doubleValue()).max().orElse(Double.NEGATIVE_INFINITY);
                yield highest > climateLimit ? "it sets " + entity.name() + " above " + Numbers.plain(climateLimit) + " °C" : null;
            }
            case "script" -> "a script can do anything";
            case "scene" -> movesSomethingHazardous(entity) ? "the scene " + entity.name() + " moves a lock, cover, alarm or climate device"
                    : null;
            default -> null;
        };
    }

    /** A scene lists its members in its {@code entity_id} attribute; one that cannot be read counts as hazardous. */
    private boolean movesSomethingHazardous(Entity scene) {
        Object members = scene.attributes().get("entity_id");
        if (!(members instanceof Collection<?> list)) {
            return members != null;
        }
        return list.stream().map(String::valueOf).anyMatch(member -> markedHazardous.contains(member)
                || Set.of("lock", "alarm_control_panel", "cover", "climate").contains(member.substring(0, Math.max(0, member.indexOf('.')))));
    }
}
