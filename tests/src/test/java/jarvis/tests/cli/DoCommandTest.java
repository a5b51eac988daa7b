package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis do}: device commands without a model, against the Home Assistant simulator, and the hazard policy. */
class DoCommandTest {

    private static final String TOKEN = "llat-do";

    @TempDir
    Path home;

    private HomeAssistantSimulator simulator;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        simulator = new HomeAssistantSimulator(TOKEN).withArea("shop", "Shop").withArea("office", "Office").withArea("hall", "Hall")
                .withEntity("light.bench", "on", "Bench light", "shop")
                .withEntity("light.shop_ceiling", "on", "Ceiling light", "shop")
                .withEntity("light.office_ceiling", "off", "Ceiling light", "office")
                .withEntity("switch.compressor", "off", "Compressor", "shop")
                .withEntity("cover.garage_door", "closed", "Garage door", "hall")
                .withEntity("lock.front_door", "locked", "Front door", "hall")
                .withEntity("sensor.office_temperature", "21.5", "Office temperature", "office")
                .withEntity("sensor.office_humidity", "48", "Office humidity", "office")
                .withEntity("sensor.desk_probe", "22.0", "Desk probe", "office")
                .withEntity("scene.leaving", "scening", "Leaving", "hall")
                .withEntity("script.purge_fumes", "off", "Purge fumes", "shop")
                .withAttribute("cover.garage_door", "device_class", "garage")
                .withAttribute("sensor.office_temperature", "device_class", "temperature")
                .withAttribute("sensor.office_temperature", "unit_of_measurement", "°C")
                .withAttribute("sensor.desk_probe", "device_class", "temperature")
                .withAttribute("sensor.desk_probe", "unit_of_measurement", "°C")
                .withListAttribute("scene.leaving", "entity_id", "light.bench", "lock.front_door");
        env = Map.of("HASS_SERVER", simulator.baseUrl(), "HASS_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Cli.Result run(String sentence) {
        return Cli.run(home, env, "do", sentence);
    }

    @Test
    void aGroupCommandCallsTheServiceForEveryDeviceInIt() {
        Cli.Result result = run("turn off the shop lights");
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("Turned off").contains("Bench light").contains("Ceiling light");
        assertThat(simulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.domain()).isEqualTo("light");
            assertThat(call.service()).isEqualTo("turn_off");
            assertThat(call.entityIds()).containsExactlyInAnyOrder("light.bench", "light.shop_ceiling");
        });
    }

    @Test
    void aLevelGoesWithTheCall() {
        assertThat(run("set the bench light to 40 %").status()).isZero();
        assertThat(simulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.service()).isEqualTo("turn_on");
            assertThat(call.data().path("brightness_pct").asInt()).isEqualTo(40);
        });
    }

    @Test
    void aHazardousCommandWithNobodyToConfirmItIsRefusedAndNothingIsCalled() {
        Cli.Result unlock = run("unlock the front door");
        assertThat(unlock.status()).isEqualTo(1);
        assertThat(unlock.err()).contains("needs a person's confirmation").contains("locks or unlocks Front door");
        Cli.Result garage = run("open the garage door");
        assertThat(garage.status()).isEqualTo(1);
        assertThat(garage.err()).contains("needs a person's confirmation").contains("garage");
        assertThat(simulator.calls()).isEmpty();

        // Both refusals are in the audit log, with who asked and why nothing was done.
        Cli.Result audit = Cli.run(home, env, "audit", "--json");
        assertThat(audit.status()).as(audit.err()).isZero();
        assertThat(audit.out()).contains("\"confirmation\" : \"NO_ONE_TO_ASK\"").contains("\"requested_by\" : \"the command line (./jarvis do)\"")
                .contains("unlock the front door").contains("\"hazard\" : \"HAZARD\"");
        assertThat(Cli.run(home, env, "audit", "--since", "soon").err()).contains("not an age");
    }

    @Test
    void aSceneThatMovesALockAScriptOrADeviceMarkedHazardousWaitsForAPerson() {
        assertThat(run("activate the leaving scene").err()).contains("needs a person's confirmation").contains("moves a lock");
        assertThat(run("turn on purge fumes").err()).contains("needs a person's confirmation").contains("a script can do anything");
        assertThat(run("turn on the compressor").status()).as("not marked yet").isZero();
        assertThat(Cli.run(home, env, "settings", "set", "safety.hazardousEntities", "switch.compressor").status()).isZero();
        Cli.Result marked = run("turn off the compressor");
        assertThat(marked.status()).isEqualTo(1);
        assertThat(marked.err()).contains("Compressor is marked hazardous");
        assertThat(simulator.calls()).singleElement().satisfies(call -> assertThat(call.entityIds()).containsExactly("switch.compressor"));
    }

    @Test
    void anAmbiguousOrUnknownNameSaysSoAndCallsNothing() {
        Cli.Result which = run("turn on the ceiling light");
        assertThat(which.status()).isEqualTo(1);
        assertThat(which.err()).contains("Which one").contains("Ceiling light (Shop)").contains("Ceiling light (Office)");
        Cli.Result unknown = run("turn on the compresor pump");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("There is no 'compresor pump'").contains("did you mean Compressor?");
        Cli.Result nonsense = run("make me a sandwich");
        assertThat(nonsense.status()).isEqualTo(1);
        assertThat(nonsense.err()).contains("not a device command");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void aQuestionIsAnsweredFromTheLiveStatesWithoutACall() {
        Cli.Result state = run("is the garage door open?");
        assertThat(state.status()).isZero();
        assertThat(state.out()).contains("Garage door is closed");
        Cli.Result temperature = run("what is the temperature in the office");
        assertThat(temperature.out()).as("every thermometer in the area, whatever its name").contains("21.5 °C")
                .contains("Office temperature").contains("22.0 °C").contains("Desk probe").doesNotContain("48");
        assertThat(simulator.calls()).isEmpty();
    }
}
