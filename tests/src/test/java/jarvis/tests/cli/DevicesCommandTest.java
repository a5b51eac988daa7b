package jarvis.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.Cli;
import jarvis.tests.support.Mosquitto;
import jarvis.tests.support.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jarvis devices} against the Home Assistant simulator and a real Mosquitto broker, set up by environment as a person does. */
class DevicesCommandTest {

    private static final String TOKEN = "llat-cli";

    @TempDir
    Path home;

    private HomeAssistantSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new HomeAssistantSimulator(TOKEN).withArea("workshop", "Workshop").withArea("office", "Office")
                .withEntity("light.bench", "on", "Bench light", "workshop")
                .withEntity("switch.compressor", "off", "Compressor", "workshop")
                .withEntity("sensor.office_temperature", "21.5", "Office temperature", "office");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Cli.Result devices(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "devices";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(home, environment, all);
    }

    @Test
    void listsEveryEntityWithItsNameAreaAndStateAndFilters() throws Exception {
        Map<String, String> env = Map.of("HASS_SERVER", simulator.baseUrl(), "HASS_TOKEN", TOKEN);
        Cli.Result all = devices(env);
        assertThat(all.status()).as(all.err()).isZero();
        assertThat(all.out()).contains("light.bench").contains("Bench light").contains("Workshop").contains("3 entities.");

        Cli.Result workshop = devices(env, "--area", "workshop", "--json");
        JsonNode listed = new ObjectMapper().readTree(workshop.out());
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("area").asText()).isEqualTo("Workshop");
        assertThat(devices(env, "--search", "temperature").out()).contains("sensor.office_temperature").doesNotContain("light.bench");
    }

    @Test
    void aRefusedTokenOrAServerThatIsDownOrNotSetUpIsSaidPlainly() throws Exception {
        Cli.Result refused = devices(Map.of("HASS_SERVER", simulator.baseUrl(), "HASS_TOKEN", "an-old-token"));
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("rejected the token").contains("homeassistant.token");

        int port = Ports.nobodyListening();
        Cli.Result down = devices(Map.of("HASS_SERVER", "http://127.0.0.1:" + port, "HASS_TOKEN", TOKEN));
        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).contains("does not answer").contains("homeassistant.url");

        Cli.Result none = devices(Map.of());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("no devices are set up").contains("homeassistant.url").contains("mqtt.url");
    }

    @Test
    void devicesThatAnnounceThemselvesOverMqttAreListedBesideHomeAssistantsWithTheirSource() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            MqttClient device = new MqttClient(broker.url(), "plug", new MemoryPersistence());
            device.connect();
            device.publish("homeassistant/switch/plug01/config", """
                    {"name":null,"uniq_id":"plug01","cmd_t":"plug01/set","stat_t":"plug01/state",
                     "dev":{"ids":["plug01"],"name":"Saw plug","sa":"Workshop"}}""".getBytes(StandardCharsets.UTF_8), 1, true);
            device.publish("plug01/state", "ON".getBytes(StandardCharsets.UTF_8), 1, true);
            device.disconnect();
            device.close();

            Cli.Result both = devices(Map.of("HASS_SERVER", simulator.baseUrl(), "HASS_TOKEN", TOKEN, "MQTT_URL", broker.url()), "--json");
            assertThat(both.status()).as(both.err()).isZero();
            JsonNode listed = new ObjectMapper().readTree(both.out());
            assertThat(listed).hasSize(4);
            JsonNode plug = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                    .filter(entity -> entity.path("entity_id").asText().equals("switch.saw_plug")).findFirst().orElseThrow();
            assertThat(plug.path("source").asText()).isEqualTo("MQTT");
            assertThat(plug.path("area").asText()).isEqualTo("Workshop");
            assertThat(plug.path("state").asText()).isEqualTo("on");

            // With Home Assistant down, MQTT's devices are still listed, and what is down is said.
            Cli.Result mqttOnly = devices(Map.of("HASS_SERVER", "http://127.0.0.1:" + Ports.nobodyListening(), "HASS_TOKEN", TOKEN,
                    "MQTT_URL", broker.url()));
            assertThat(mqttOnly.status()).as(mqttOnly.err()).isZero();
            assertThat(mqttOnly.out()).contains("switch.saw_plug").contains("MQTT").contains("1 entity.");
            assertThat(mqttOnly.err()).contains("does not answer");
        }
    }
}
