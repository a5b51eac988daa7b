package jarvis.tests.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.devices.home.Connection;
import jarvis.devices.home.Connection.Status;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.Home;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.mqtt.MqttDevices;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.Mosquitto;
import jarvis.tests.support.MqttMessages;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices that announce themselves to a real Mosquitto broker with Home Assistant's MQTT discovery, read by Jarvis with
 * no Home Assistant at all. The payloads are shaped as Zigbee2MQTT, Tasmota and ESPHome publish them (abbreviated
 * keys, {@code ~} topics, availability topics, device-based configs with {@code cmps}), per PROTOCOLS.md §6.
 */
class MqttDevicesTest {

    private Mosquitto broker;
    private MqttClient device;
    private MqttDevices mqtt;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> statuses = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws MqttException {
        broker = Mosquitto.start(true);
        device = deviceClient();
        mqtt = new MqttDevices(() -> Optional.of(new MqttDevices.Target(broker.url(), "", "", Optional.empty(), "homeassistant")),
                scheduler, Clock.systemUTC(), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() throws MqttException {
        mqtt.close();
        if (device.isConnected()) {
            device.disconnect();
        }
        device.close();
        broker.close();
        scheduler.shutdownNow();
    }

    /** A device on the broker: it publishes configs and states, and hears the commands sent to it. */
    private MqttClient deviceClient() throws MqttException {
        MqttClient client = new MqttClient(broker.url(), "device-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        client.setCallback(new MqttMessages((topic, text) -> {
            if (topic.equals("homeassistant/status")) {
                statuses.add(text);
            } else {
                commands.add(topic + " " + text);
            }
        }, () -> client.subscribe(new String[] {"cmd/#", "homeassistant/status"}, new int[] {1, 1})));
        client.connect(options);
        return client;
    }

    private void retain(String topic, String payload) throws MqttException {
        device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    private void announceTheWorkshop() throws MqttException {
        // Tasmota-style plug: abbreviated keys, a base topic, an availability topic.
        retain("homeassistant/switch/plug01/config", """
                {"name":null,"uniq_id":"plug01","~":"tasmota/plug01","cmd_t":"cmd/plug01/POWER","stat_t":"~/POWER","avty_t":"~/LWT",
                 "pl_avail":"Online","pl_not_avail":"Offline","pl_on":"ON","pl_off":"OFF",
                 "dev":{"ids":["plug01"],"name":"Compressor plug","mf":"Tasmota","sa":"Workshop"}}""");
        retain("tasmota/plug01/LWT", "Online");
        retain("tasmota/plug01/POWER", "OFF");
        // Default-schema light with brightness.
        retain("homeassistant/light/bench/config", """
                {"name":"Bench light","uniq_id":"bench_light","cmd_t":"cmd/bench/set","stat_t":"bench/state",
                 "bri_cmd_t":"cmd/bench/brightness","bri_stat_t":"bench/brightness","bri_scl":100,
                 "dev":{"ids":"bench","sa":"Workshop"}}""");
        retain("bench/state", "ON");
        retain("bench/brightness", "40");
        // Zigbee2MQTT-style JSON light with its availability list.
        retain("homeassistant/light/0x00124b/light/config", """
                {"name":null,"uniq_id":"0x00124b_light_z2m","schema":"json","brightness":true,"sup_clrm":["color_temp","xy"],
                 "cmd_t":"cmd/desk_lamp/set","stat_t":"zigbee2mqtt/desk_lamp",
                 "avty":[{"t":"zigbee2mqtt/bridge/state","val_tpl":"{{ value_json.state }}"}],
                 "dev":{"ids":["zigbee2mqtt_0x00124b"],"name":"Desk lamp","mdl":"LED1545G12","sa":"Office"}}""");
        retain("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}");
        retain("zigbee2mqtt/desk_lamp", "{\"state\":\"ON\",\"brightness\":254,\"color_temp\":370,\"linkquality\":120}");
        // ESPHome-style device-based config: two sensors sharing one state topic.
        retain("homeassistant/device/bench01/config", """
                {"dev":{"ids":"bench01","name":"Bench","sa":"Workshop"},"o":{"name":"esphome","sw":"2025.1"},
                 "stat_t":"bench01/state","qos":1,
                 "cmps":{"t":{"p":"sensor","name":"Temperature","dev_cla":"temperature","unit_of_meas":"°C",
                              "val_tpl":"{{ value_json.t | round(1) }}","uniq_id":"bench01_t"},
                         "h":{"p":"sensor","name":"Humidity","dev_cla":"humidity","unit_of_meas":"%",
                              "val_tpl":"{{ value_json.h }}","uniq_id":"bench01_h"}}}""");
        retain("bench01/state", "{\"t\":21.46,\"h\":48}");
        retain("homeassistant/binary_sensor/door01/config", """
                {"name":"Shop door","uniq_id":"door01","stat_t":"door01/contact","dev_cla":"door","pl_on":"open","pl_off":"closed"}""");
        retain("door01/contact", "closed");
        retain("homeassistant/climate/heater/config", """
                {"name":"Shop heater","uniq_id":"heater01","mode_cmd_t":"cmd/heater/mode","mode_stat_t":"heater/mode",
                 "temp_cmd_t":"cmd/heater/target","temp_stat_t":"heater/target","curr_temp_t":"heater/current",
                 "modes":["off","heat"],"min_temp":5,"max_temp":30,"temp_step":0.5}""");
        retain("heater/mode", "heat");
        retain("heater/target", "19.5");
        retain("heater/current", "17.2");
        retain("homeassistant/cover/garage/config", """
                {"name":"Garage door","uniq_id":"garage01","dev_cla":"garage","cmd_t":"cmd/garage/set","stat_t":"garage/state",
                 "pos_t":"garage/position","set_pos_t":"cmd/garage/position"}""");
        retain("garage/state", "closed");
        retain("garage/position", "0");
        retain("homeassistant/lock/front/config", """
                {"name":"Front door","uniq_id":"lock01","cmd_t":"cmd/front/set","stat_t":"front/state"}""");
        retain("front/state", "LOCKED");
    }

    private Entity entity(String entityId) {
        return mqtt.entities().stream().filter(entity -> entity.entityId().equals(entityId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + entityId + " among " + mqtt.entities().stream().map(Entity::entityId).toList()));
    }

    private void awaitState(String entityId, String state) {
        await("%s to be %s among %s".formatted(entityId, state, mqtt.entities().stream().map(e -> e.entityId() + "=" + e.state()).toList()))
                .atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().stream()
                .anyMatch(entity -> entity.entityId().equals(entityId) && entity.state().equals(state)));
    }

    private void awaitConnected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.connection().status() == Status.CONNECTED);
    }

    @Test
    void everyAnnouncedDeviceAppearsWithItsStateAreaAndAttributes() throws Exception {
        announceTheWorkshop();
        mqtt.start();
        awaitConnected();
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().size() == 9);
        awaitState("lock.front_door", "locked");

        Entity plug = entity("switch.compressor_plug");
        assertThat(plug.name()).isEqualTo("Compressor plug");
        assertThat(plug.area()).isEqualTo("Workshop");
        assertThat(plug.state()).isEqualTo("off");
        assertThat(plug.source()).isEqualTo(MqttDevices.NAME);
        assertThat(plug.mqttUniqueId()).isEqualTo("plug01");

        awaitState("light.bench_light", "on");
        assertThat(entity("light.bench_light").attributes()).containsEntry("brightness", 102);
        awaitState("light.desk_lamp", "on");
        assertThat(entity("light.desk_lamp").attributes()).containsEntry("brightness", 254).containsEntry("color_temp", 370);
        awaitState("sensor.bench_temperature", "21.5");
        assertThat(entity("sensor.bench_temperature").attributes()).containsEntry("unit_of_measurement", "°C")
                .containsEntry("device_class", "temperature");
        awaitState("sensor.bench_humidity", "48");
        assertThat(entity("sensor.bench_humidity").area()).isEqualTo("Workshop");
        awaitState("binary_sensor.shop_door", "off");
        awaitState("climate.shop_heater", "heat");
        assertThat(entity("climate.shop_heater").attributes()).containsEntry("temperature", 19.5).containsEntry("current_temperature", 17.2)
                .containsEntry("hvac_modes", List.of("off", "heat"));
        awaitState("cover.garage_door", "closed");
        assertThat(entity("cover.garage_door").attributes()).containsEntry("device_class", "garage").containsEntry("current_position", 0);
    }

    @Test
    void serviceCallsBecomeTheMessagesEachDeviceExpects() throws Exception {
        announceTheWorkshop();
        mqtt.start();
        awaitConnected();
        awaitState("lock.front_door", "locked");

        mqtt.callService("switch", "turn_on", Map.of(), List.of("switch.compressor_plug")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/plug01/POWER ON");
        mqtt.callService("light", "turn_on", Map.of("brightness_pct", 50), List.of("light.desk_lamp")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/desk_lamp/set {\"state\":\"ON\",\"brightness\":128}");
        mqtt.callService("light", "turn_on", Map.of("brightness_pct", 50), List.of("light.bench_light")).get(5, TimeUnit.SECONDS);
        assertThat(List.of(commands.poll(5, TimeUnit.SECONDS), commands.poll(5, TimeUnit.SECONDS)))
                .containsExactly("cmd/bench/set ON", "cmd/bench/brightness 50");
        mqtt.callService("climate", "set_temperature", Map.of("temperature", 21.5), List.of("climate.shop_heater")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/heater/target 21.5");
        mqtt.callService("cover", "open_cover", Map.of(), List.of("cover.garage_door")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/garage/set OPEN");
        mqtt.callService("cover", "set_cover_position", Map.of("position", 30), List.of("cover.garage_door")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/garage/position 30");
        mqtt.callService("lock", "unlock", Map.of(), List.of("lock.front_door")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/front/set UNLOCK");

        // A device reports its new state itself: Jarvis shows what the device says, not what it asked for.
        assertThat(entity("switch.compressor_plug").state()).isEqualTo("off");
        retain("tasmota/plug01/POWER", "ON");
        awaitState("switch.compressor_plug", "on");

        assertThatThrownBy(() -> mqtt.callService("sensor", "turn_on", Map.of(), List.of("sensor.bench_temperature")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("can only be read");
    }

    @Test
    void aMalformedConfigIsSkippedAndTheRestKeptAnEmptyOneRemoves() throws Exception {
        announceTheWorkshop();
        retain("homeassistant/sensor/broken/config", "{\"name\":\"Broken\",\"stat_t\":");
        retain("homeassistant/switch/nocommand/config", "{\"name\":\"No command\",\"stat_t\":\"x/state\"}");
        retain("homeassistant/sensor/jinja/config", "{\"name\":\"Jinja\",\"stat_t\":\"j/state\",\"val_tpl\":\"{% if value %}1{% endif %}\"}");
        mqtt.start();
        awaitConnected();
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().size() == 9);
        awaitState("lock.front_door", "locked");
        assertThat(mqtt.entities()).extracting(Entity::name).doesNotContain("Broken", "No command", "Jinja");

        // An update on a topic is taken; an empty retained payload removes what it announced.
        retain("homeassistant/sensor/broken/config", "{\"name\":\"Mended\",\"stat_t\":\"mended/state\"}");
        retain("mended/state", "7");
        awaitState("sensor.mended", "7");
        retain("homeassistant/lock/front/config", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().stream().noneMatch(entity -> entity.entityId().equals("lock.front_door")));
    }

    @Test
    void aDeviceThatGoesOfflineLooksUnavailable() throws Exception {
        announceTheWorkshop();
        mqtt.start();
        awaitConnected();
        awaitState("switch.compressor_plug", "off");
        retain("tasmota/plug01/LWT", "Offline");
        awaitState("switch.compressor_plug", "unavailable");
        retain("zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}");
        awaitState("light.desk_lamp", "unavailable");
        retain("tasmota/plug01/LWT", "Online");
        awaitState("switch.compressor_plug", "off");
    }

    @Test
    void aBrokerThatRestartsIsReconnectedWithinFiveSecondsAndItsStatesReadAgain() throws Exception {
        announceTheWorkshop();
        mqtt.start();
        awaitConnected();
        awaitState("light.desk_lamp", "on");

        broker.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.connection().status() == Status.DOWN);
        assertThat(entity("light.desk_lamp").state()).as("the last known state is kept while the broker is away").isEqualTo("on");
        assertThatThrownBy(() -> mqtt.callService("light", "turn_off", Map.of(), List.of("light.desk_lamp")).get(1, TimeUnit.SECONDS))
                .as("a command fails at once while the broker is away").isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not connected");

        broker.startAgain();
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> mqtt.connection().status() == Status.CONNECTED);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        // The device changed while Jarvis was away from the broker: the retained state is read again on reconnecting.
        await().atMost(Duration.ofSeconds(10)).until(device::isConnected);
        retain("zigbee2mqtt/desk_lamp", "{\"state\":\"OFF\"}");
        awaitState("light.desk_lamp", "off");
        mqtt.callService("light", "turn_on", Map.of(), List.of("light.desk_lamp")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/desk_lamp/set {\"state\":\"ON\"}");
    }

    @Test
    void aBrokerThatIsDownSaysSoAndCommandsFailAtOnce() throws Exception {
        broker.kill();
        mqtt.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.connection().status() == Status.DOWN);
        assertThat(mqtt.connection().detail()).contains(broker.url()).contains("cannot be reached");
        broker.startAgain();
        awaitConnected();
    }

    @Test
    void aRefusedLoginIsSaidPlainlyAndNotTriedAgainUntilTheSettingsChange() {
        try (Mosquitto guarded = Mosquitto.startWithLogin("jarvis", "right")) {
            java.util.concurrent.atomic.AtomicReference<String> password = new java.util.concurrent.atomic.AtomicReference<>("wrong");
            try (MqttDevices guardedDevices = new MqttDevices(() -> Optional.of(new MqttDevices.Target(guarded.url(), "jarvis", password.get(),
                    Optional.empty(), "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
                guardedDevices.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> guardedDevices.connection().status() == Status.REFUSED);
                assertThat(guardedDevices.connection().detail()).contains("refused the login").contains("mqtt.username").contains("mqtt.password");
                password.set("right");
                guardedDevices.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> guardedDevices.connection().status() == Status.CONNECTED);
            }
        }
    }

    @Test
    void aDeviceSeenThroughHomeAssistantAndMqttAppearsOnce() throws Exception {
        announceTheWorkshop();
        try (HomeAssistantSimulator simulator = new HomeAssistantSimulator("token").withArea("shop", "Shop")
                .withEntity("switch.compressor", "off", "Compressor", "shop").fromMqtt("switch.compressor", "plug01")
                .withEntity("light.ceiling", "on", "Ceiling", "shop")) {
            HomeAssistant homeAssistant = new HomeAssistant(HttpClient.newHttpClient(),
                    () -> Optional.of(new HomeAssistant.Target(simulator.baseUrl(), "token")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3));
            try (Home home = new Home(List.of(homeAssistant, mqtt))) {
                home.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> home.connections().values().stream().allMatch(c -> c.status() == Status.CONNECTED));
                await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().size() == 9);
                List<String> ids = home.entities().stream().map(Entity::entityId).toList();
                assertThat(ids).contains("switch.compressor", "light.ceiling", "light.desk_lamp").doesNotContain("switch.compressor_plug");
                assertThat(home.entities()).hasSize(2 + 9 - 1);

                // Each call goes to the source that owns the entity.
                home.callService("switch", "turn_on", Map.of(), List.of("switch.compressor")).get(5, TimeUnit.SECONDS);
                assertThat(simulator.calls()).extracting(HomeAssistantSimulator.Call::entityIds).containsExactly(List.of("switch.compressor"));
                home.callService("light", "turn_off", Map.of(), List.of("light.desk_lamp")).get(5, TimeUnit.SECONDS);
                assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/desk_lamp/set {\"state\":\"OFF\"}");
                assertThatThrownBy(() -> home.callService("light", "turn_on", Map.of(), List.of("light.nowhere")).get(5, TimeUnit.SECONDS))
                        .hasMessageContaining("No device is called light.nowhere");
            }
        }
    }

    @Test
    void aRepeatedAnnouncementKeepsTheStateAndJarvisSaysOnlineSoDevicesSendTheirsAgain() throws Exception {
        // Zigbee2MQTT does not retain states by default: the state comes once, then the config is announced again.
        retain("homeassistant/switch/saw/config", "{\"name\":\"Saw\",\"uniq_id\":\"saw1\",\"cmd_t\":\"cmd/saw\",\"stat_t\":\"saw/state\"}");
        mqtt.start();
        awaitConnected();
        assertThat(statuses.poll(5, TimeUnit.SECONDS)).as("Home Assistant's birth message, so devices send their states").isEqualTo("online");
        device.publish("saw/state", "ON".getBytes(StandardCharsets.UTF_8), 1, false);
        awaitState("switch.saw", "on");
        retain("homeassistant/switch/saw/config", "{\"name\":\"Saw\",\"uniq_id\":\"saw1\",\"cmd_t\":\"cmd/saw\",\"stat_t\":\"saw/state\"}");
        retain("homeassistant/switch/marker/config", "{\"name\":\"Marker\",\"cmd_t\":\"cmd/marker\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.entities().size() == 2);
        assertThat(entity("switch.saw").state()).as("an unchanged config keeps what is known").isEqualTo("on");
    }

    @Test
    void zigbee2mqttCoversArePositionedThroughTheirTemplateAndABadTopicIsSkipped() throws Exception {
        retain("homeassistant/cover/0x0017/cover/config", """
                {"name":null,"uniq_id":"0x0017_cover_z2m","cmd_t":"zigbee2mqtt/blind/set","stat_t":"zigbee2mqtt/blind",
                 "pos_t":"zigbee2mqtt/blind","pos_tpl":"{{ value_json.position }}","set_pos_t":"cmd/blind/set",
                 "set_pos_tpl":"{ \\"position\\": {{ position }} }","val_tpl":"{{ value_json.state }}","stat_open":"OPEN","stat_clsd":"CLOSE",
                 "dev":{"ids":["zigbee2mqtt_0x0017"],"name":"Office blind"}}""");
        retain("zigbee2mqtt/blind", "{\"position\":100,\"state\":\"OPEN\"}");
        retain("homeassistant/sensor/bad/config", "{\"name\":\"Bad\",\"stat_t\":\"shop/#/bad\"}");
        mqtt.start();
        awaitConnected();
        awaitState("cover.office_blind", "open");
        assertThat(entity("cover.office_blind").attributes()).containsEntry("current_position", 100);
        assertThat(mqtt.entities()).extracting(Entity::name).doesNotContain("Bad");
        mqtt.callService("cover", "set_cover_position", Map.of("position", 30), List.of("cover.office_blind")).get(5, TimeUnit.SECONDS);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("cmd/blind/set { \"position\": 30 }");

        // Starting again in the middle of a burst of announcements neither hangs nor loses the house.
        for (int i = 0; i < 300; i++) {
            device.publish("homeassistant/sensor/burst" + i + "/config", ("{\"name\":\"Burst " + i + "\",\"stat_t\":\"burst/" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8), 0, true);
        }
        long restarted = System.nanoTime();
        mqtt.start();
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(5));
        awaitConnected();
        await().atMost(Duration.ofSeconds(15)).until(() -> mqtt.entities().size() == 301);
    }

    @Test
    void aBrokerBehindTlsIsTrustedThroughThePrivateCaInMqttCaFileAndNotWithoutIt() {
        try (Mosquitto secure = Mosquitto.startTls()) {
            try (MqttDevices trusting = new MqttDevices(() -> Optional.of(new MqttDevices.Target(secure.tlsUrl(), "", "",
                    Optional.of(secure.caCertificate()), "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
                trusting.start();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(trusting.connection().status())
                        .as(trusting.connection().detail()).isEqualTo(Status.CONNECTED));
            }
            try (MqttDevices untrusting = new MqttDevices(() -> Optional.of(new MqttDevices.Target(secure.tlsUrl(), "", "",
                    Optional.empty(), "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
                untrusting.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> untrusting.connection().status() == Status.DOWN);
                assertThat(untrusting.connection().detail()).contains(secure.tlsUrl()).contains("cannot be reached");
            }
        }
    }

    @Test
    void aTopicTheBrokersAccessListRefusesIsLeftOutAndTheRestKeepsWorkingAfterAReconnect() throws Exception {
        try (Mosquitto guarded = Mosquitto.startWithSubscribeAccess("pw", Map.of("device", List.of("#"),
                "jarvis", List.of("homeassistant/#", "shop/#"), "outsider", List.of("shop/#")))) {
            MqttClient shop = new MqttClient(guarded.url(), "shop-device", new MemoryPersistence());
            MqttConnectionOptions login = new MqttConnectionOptions();
            login.setUserName("device");
            login.setPassword("pw".getBytes(StandardCharsets.UTF_8));
            shop.connect(login);
            shop.publish("homeassistant/sensor/shop/config", "{\"name\":\"Shop temperature\",\"stat_t\":\"shop/temp\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            shop.publish("homeassistant/sensor/vault/config", "{\"name\":\"Vault temperature\",\"stat_t\":\"vault/temp\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            shop.publish("shop/temp", "18".getBytes(StandardCharsets.UTF_8), 1, true);
            shop.publish("vault/temp", "4".getBytes(StandardCharsets.UTF_8), 1, true);
            try (MqttDevices jarvis = new MqttDevices(() -> Optional.of(new MqttDevices.Target(guarded.url(), "jarvis", "pw", Optional.empty(),
                    "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
                jarvis.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> jarvis.entity("sensor.shop_temperature").map(Entity::state).orElse("").equals("18"));
                // Connecting again subscribes to the refused topic with the others in one request: the rest must stand.
                jarvis.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> jarvis.connection().status() == Status.CONNECTED);
                shop.publish("shop/temp", "19".getBytes(StandardCharsets.UTF_8), 1, true);
                await().atMost(Duration.ofSeconds(10)).until(() -> jarvis.entity("sensor.shop_temperature").map(Entity::state).orElse("").equals("19"));
                // And it stays connected: no reconnecting over the refused topic.
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> jarvis.connection().status() == Status.CONNECTED);
                assertThat(jarvis.entity("sensor.vault_temperature").map(Entity::state)).hasValue("unknown");
            }
            try (MqttDevices outsider = new MqttDevices(() -> Optional.of(new MqttDevices.Target(guarded.url(), "outsider", "pw", Optional.empty(),
                    "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
                outsider.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> outsider.connection().status() == Status.REFUSED);
                assertThat(outsider.connection().detail()).contains("homeassistant/#").contains("access list");
            }
            shop.disconnect();
            shop.close();
        }
    }

    @Test
    void aCaFileWithAnAddressWithoutTlsIsRefusedRatherThanSendingThePasswordInClear() throws Exception {
        Path ca = Files.createTempFile("ca", ".pem");
        try (MqttDevices plain = new MqttDevices(() -> Optional.of(new MqttDevices.Target(broker.url(), "jarvis", "secret", Optional.of(ca),
                "homeassistant")), scheduler, Clock.systemUTC(), Duration.ofSeconds(3))) {
            plain.start();
            assertThat(plain.connection().status()).isEqualTo(Status.DOWN);
            assertThat(plain.connection().detail()).contains("mqtt.caFile").contains("not TLS").contains("ssl://");
        }
    }

    @Test
    void attemptsAtABrokerThatIsDownLeaveNoThreadThatWouldKeepJarvisRunning() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        mqtt.addListener(new DeviceSource.Listener() {
            @Override
            public void changed(Entity entity) {}

            @Override
            public void connection(Connection connection) {
                if (connection.status() == Status.DOWN) {
                    attempts.incrementAndGet();
                }
            }
        });
        broker.kill();
        mqtt.start();
        // Several attempts failed, each with a client of its own, before closing.
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
        mqtt.close();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !thread.isDaemon() && thread.isAlive())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("com.hivemq") || name.startsWith("jarvis-mqtt"));
    }
}
