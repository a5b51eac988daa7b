package jarvis.tests.devices;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.devices.commands.DeviceGrammar;
import jarvis.devices.commands.DeviceGrammar.Action;
import jarvis.devices.commands.DeviceNames;
import jarvis.devices.home.Entity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The device grammar as a table of sentences, and the names it finds devices by. */
class DeviceCommandsTest {

    private static final DeviceGrammar GRAMMAR = DeviceGrammar.standard();

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of("Turn off the shop lights", Action.TURN_OFF, "shop lights", null),
                Arguments.of("jarvis, switch on the bench light please", Action.TURN_ON, "bench light", null),
                Arguments.of("turn the compressor off.", Action.TURN_OFF, "compressor", null),
                Arguments.of("Toggle the desk lamp", Action.TOGGLE, "desk lamp", null),
                Arguments.of("set the bench light to 40 %", Action.SET_LEVEL, "bench light", 40.0),
                Arguments.of("dim the bench light to 15 percent", Action.SET_LEVEL, "bench light", 15.0),
                Arguments.of("set the workshop heater to 19.5 degrees", Action.SET_TEMPERATURE, "workshop heater", 19.5),
                Arguments.of("open the garage door", Action.OPEN, "garage door", null),
                Arguments.of("close all covers", Action.CLOSE, "all covers", null),
                Arguments.of("Lock the front door!", Action.LOCK, "front door", null),
                Arguments.of("unlock the front door", Action.UNLOCK, "front door", null),
                Arguments.of("run scene evening", Action.RUN_SCENE, "evening", null),
                Arguments.of("is the garage door open?", Action.IS_ON, "garage door", null),
                Arguments.of("what is the temperature in the office", Action.TEMPERATURE_IN, "office", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sentences")
    void aSentenceIsACommandWithItsTargetAndNumber(String sentence, Action action, String target, Double number) {
        DeviceGrammar.Command command = GRAMMAR.match(sentence).orElseThrow();
        assertThat(command.action()).isEqualTo(action);
        assertThat(command.target()).isEqualTo(target);
        assertThat(command.number()).isEqualTo(number);
    }

    @Test
    void aSentenceThatOnlyMentionsADeviceIsNoCommand() {
        assertThat(GRAMMAR.match("why does the bench light flicker when I turn it on")).isEmpty();
        assertThat(GRAMMAR.match("how do I open a 3MF file")).isEmpty();
    }

    private static Entity entity(String id, String name, String area, String... aliases) {
        return new Entity(id, name, List.of(aliases), area, "off", Map.of(), Instant.EPOCH, "Home Assistant", null);
    }

    private static final List<Entity> HOUSE = List.of(
            entity("light.bench", "Bench light", "Shop"),
            entity("light.shop_ceiling", "Ceiling light", "Shop"),
            entity("light.desk", "Desk lamp", "Office", "reading lamp"),
            entity("light.office_ceiling", "Ceiling light", "Office"),
            entity("switch.compressor", "Compressor", "Shop"),
            entity("cover.garage_door", "Garage door", "Garage"),
            entity("cover.office_blind", "Office blind", "Office"),
            entity("lock.front_door", "Front door", "Hall"),
            entity("light.office_lamp", "Office lamp", "Office"),
            entity("light.bedroom_2", "Bedroom 2 light", "Bedroom 2"),
            entity("switch.batteries", "Batteries", "Shop"));

    @Test
    void aNameFindsItsDeviceWhateverItsCaseAPluralOrASmallMisspelling() {
        assertThat(DeviceNames.find("bench light", HOUSE, Set.of("light"))).isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(0))));
        assertThat(DeviceNames.find("The BENCH lights", HOUSE, Set.of("light"))).isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(0))));
        assertThat(DeviceNames.find("reading lamp", HOUSE, Set.of("light"))).isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(2))));
        assertThat(DeviceNames.find("compresor", HOUSE, Set.of("switch"))).isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(4))));
    }

    @Test
    void anAreaAndAKindFindTheGroup() {
        assertThat(DeviceNames.find("shop lights", HOUSE, Set.of("light"))).isInstanceOfSatisfying(DeviceNames.Devices.class,
                found -> assertThat(found.entities()).extracting(Entity::entityId).containsExactlyInAnyOrder("light.bench", "light.shop_ceiling"));
        assertThat(DeviceNames.find("lights in the office", HOUSE, Set.of("light"))).isInstanceOfSatisfying(DeviceNames.Devices.class,
                found -> assertThat(found.entities()).extracting(Entity::entityId).containsExactlyInAnyOrder("light.desk", "light.office_ceiling",
                        "light.office_lamp"));
        assertThat(DeviceNames.find("all covers", HOUSE, Set.of("cover"))).isInstanceOfSatisfying(DeviceNames.Devices.class,
                found -> assertThat(found.entities()).hasSize(2));
    }

    @Test
    void anAmbiguousNameAsksWhichAndAnUnknownOneOffersTheClosest() {
        assertThat(DeviceNames.find("ceiling light", HOUSE, Set.of("light"))).isInstanceOfSatisfying(DeviceNames.Which.class,
                which -> assertThat(which.candidates()).extracting(Entity::entityId).containsExactlyInAnyOrder("light.shop_ceiling",
                        "light.office_ceiling"));
        assertThat(DeviceNames.find("air compresor pump", HOUSE, Set.of("switch"))).isInstanceOfSatisfying(DeviceNames.Nothing.class,
                nothing -> assertThat(nothing.closest()).contains("Compressor"));
        assertThat(DeviceNames.find("shop ceiling light", HOUSE, Set.of("light"))).as("the area answers 'which one'")
                .isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(1))));
    }

    @Test
    void aDevicesOwnNameComesBeforeAGroupAndNumbersAreNeverGuessed() {
        assertThat(DeviceNames.find("office lamp", HOUSE, Set.of("light"))).as("the lamp, not every light in the office")
                .isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(8))));
        assertThat(DeviceNames.find("bedroom 3 light", HOUSE, Set.of("light"))).isInstanceOf(DeviceNames.Nothing.class);
        assertThat(DeviceNames.find("battery", HOUSE, Set.of("switch"))).isEqualTo(new DeviceNames.Devices(List.of(HOUSE.get(10))));
    }
}
