package jarvis.tests.devices;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.devices.home.Entity;
import jarvis.devices.home.HazardPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hazard policy as a table: entity, service, data, and whether a person must confirm (and why). */
class HazardPolicyTest {

    private static final HazardPolicy POLICY = HazardPolicy.of("switch.table_saw, light.heat_lamp", 30);

    private static Entity entity(String id, String deviceClass, Object members) {
        Map<String, Object> attributes = new HashMap<>();
        if (deviceClass != null) {
            attributes.put("device_class", deviceClass);
        }
        if (members != null) {
            attributes.put("entity_id", members);
        }
        return new Entity(id, id.substring(id.indexOf('.') + 1).replace('_', ' '), List.of(), "Shop", "off", attributes, Instant.EPOCH,
                "Home Assistant", null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(entity("light.bench", null, null), "turn_on", Map.of(), null),
                Arguments.of(entity("switch.compressor", null, null), "turn_on", Map.of(), null),
                Arguments.of(entity("switch.table_saw", null, null), "turn_on", Map.of(), "marked hazardous"),
                Arguments.of(entity("light.heat_lamp", null, null), "turn_off", Map.of(), "marked hazardous"),
                Arguments.of(entity("lock.front_door", null, null), "unlock", Map.of(), "locks or unlocks"),
                Arguments.of(entity("lock.front_door", null, null), "lock", Map.of(), "locks or unlocks"),
                Arguments.of(entity("alarm_control_panel.house", null, null), "alarm_disarm", Map.of(), "arms or disarms"),
                Arguments.of(entity("cover.garage", "garage", null), "open_cover", Map.of(), "moves the garage"),
                Arguments.of(entity("cover.gate", "gate", null), "set_cover_position", Map.of("position", 50), "moves the gate"),
                Arguments.of(entity("cover.garage", "garage", null), "stop_cover", Map.of(), null),
                Arguments.of(entity("cover.blind", "blind", null), "close_cover", Map.of(), null),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("temperature", 21), null),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("temperature", 30), null),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("temperature", 31.5), "above 30 °C"),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("target_temp_high", 35), "above 30 °C"),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("temperature", "35"), "not a plain number"),
                Arguments.of(entity("climate.shop", null, null), "set_temperature", Map.of("target_temp_low", 18, "target_temp_high", 31),
                        "above 30 °C"),
                Arguments.of(entity("script.purge", null, null), "turn_on", Map.of(), "a script can do anything"),
                Arguments.of(entity("scene.evening", null, List.of("light.bench", "switch.radio")), "turn_on", Map.of(), null),
                Arguments.of(entity("scene.leaving", null, List.of("light.bench", "lock.front_door")), "turn_on", Map.of(), "moves a lock"),
                Arguments.of(entity("scene.unknown", null, "light.bench"), "turn_on", Map.of(), "moves a lock"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("table")
    void decidesWhatWaitsForAPerson(Entity entity, String service, Map<String, Object> data, String because) {
        String why = POLICY.why(entity, service, data);
        if (because == null) {
            assertThat(why).as(entity.entityId() + " " + service).isNull();
        } else {
            assertThat(why).as(entity.entityId() + " " + service).contains(because);
        }
    }
}
