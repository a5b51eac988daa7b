package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.devices.commands.DeviceCommands;
import jarvis.devices.commands.DeviceGrammar;
import jarvis.devices.home.Connection;
import jarvis.devices.home.HazardPolicy;
import jarvis.devices.home.Home;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.mqtt.MqttDevices;
import jarvis.devices.tools.HomeTools;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.AuditLog;
import jarvis.orchestrator.tools.Confirmer;
import jarvis.orchestrator.tools.ToolRegistry;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.ConversationRig;
import jarvis.tests.support.Mosquitto;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device command typed in the chat, from the words sent to the service call arriving at Home Assistant (the
 * simulator, on loopback): the turn's bookkeeping (the message stored, the reply and its route written), the
 * grammar, the name search over a house of 300 Home Assistant entities and 200 more from MQTT discovery (a real
 * Mosquitto), the hazard policy, the service-call tool and the runner with its audit log, measured to the moment the
 * simulator receives the call. The baseline is the same call made straight through the Home Assistant client, to
 * the same moment, and its full round trip. Left out: the network between a real Home Assistant and this machine, and
 * drawing the reply (the token-to-screen benchmark measures that).
 */
@Tag("benchmark")
class DeviceCommandBenchmark {

    private static final int HOME_ASSISTANT_ENTITIES = 300;
    private static final int MQTT_ENTITIES = 200;
    private static final int WARMUP = 100;
    private static final int ROUNDS = 400;

    @TempDir
    Path folder;

    @Test
    void aCommandInTheChatReachesHomeAssistantInMilliseconds() throws Exception {
        HomeAssistantSimulator house = new HomeAssistantSimulator("token").withArea("workshop", "Workshop").withArea("office", "Office")
                .withEntity("light.bench", "on", "Bench light", "workshop");
        for (int i = 0; i < HOME_ASSISTANT_ENTITIES - 1; i++) {
            house.withEntity((i % 3 == 0 ? "light." : i % 3 == 1 ? "switch." : "sensor.") + "device_" + i, "off", "Device " + i,
                    i % 2 == 0 ? "workshop" : "office");
        }
        AtomicLong arrived = new AtomicLong();
        house.onCall(call -> arrived.set(System.nanoTime()));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (house; Mosquitto broker = Mosquitto.start()) {
            announce(broker);
            HomeAssistant homeAssistant = new HomeAssistant(HttpClient.newHttpClient(),
                    () -> Optional.of(new HomeAssistant.Target(house.baseUrl(), "token")), scheduler, Clock.systemUTC(), Duration.ofSeconds(5));
            MqttDevices mqtt = new MqttDevices(() -> Optional.of(new MqttDevices.Target(broker.url(), "", "", Optional.empty(), "homeassistant")),
                    scheduler, Clock.systemUTC(), Duration.ofSeconds(5));
            try (Home home = new Home(List.of(homeAssistant, mqtt));
                 ConversationRig rig = new ConversationRig(folder, Map.of(), database -> {
                     Tools tools = new Tools(new ToolRegistry(), new ToolRunner(new AuditLog(database), Confirmer.NOBODY,
                             () -> Duration.ofSeconds(300), Clock.systemUTC()));
                     HomeTools houseTools = new HomeTools(() -> home, HazardPolicy::standard);
                     tools.register(houseTools);
                     tools.register(new DeviceCommands(DeviceGrammar.standard(), () -> home, houseTools.serviceCalls()));
                     return tools;
                 })) {
                home.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> home.connections().values().stream().allMatch(Connection::connected));
                await().atMost(Duration.ofSeconds(15)).until(() -> home.entities().size() == HOME_ASSISTANT_ENTITIES + MQTT_ENTITIES);

                String conversation = null;
                List<Long> command = new ArrayList<>();
                List<Long> direct = new ArrayList<>();
                List<Long> roundTrip = new ArrayList<>();
                for (int i = 0; i < WARMUP + ROUNDS; i++) {
                    boolean on = i % 2 == 0;
                    long started = System.nanoTime();
                    TurnResult result = rig.service.send(TurnRequest.in(conversation, on ? "turn on the bench light" : "turn off the bench light"),
                            TurnListener.NONE).result().get(10, TimeUnit.SECONDS);
                    long toArrival = arrived.get() - started;
                    assertThat(result.route().tier()).as(result.reply().content()).isEqualTo(Tier.FAST_PATH);
                    assertThat(result.reply().content()).startsWith(on ? "Turned on" : "Turned off");
                    conversation = result.conversation().id();

                    long directStarted = System.nanoTime();
                    homeAssistant.callService("light", on ? "turn_on" : "turn_off", Map.of(), List.of("light.bench")).get(5, TimeUnit.SECONDS);
                    long directDone = System.nanoTime();
                    if (i >= WARMUP) {
                        command.add(toArrival);
                        direct.add(arrived.get() - directStarted);
                        roundTrip.add(directDone - directStarted);
                    }
                }
                Percentiles measured = Percentiles.ofNanos(command);
                Percentiles baseline = Percentiles.ofNanos(direct);
                Percentiles trip = Percentiles.ofNanos(roundTrip);
                new BenchReport("device-command")
                        .figure("homeAssistantEntities", HOME_ASSISTANT_ENTITIES)
                        .figure("mqttEntities", MQTT_ENTITIES)
                        .figure("rounds", ROUNDS)
                        .figure("commandP50Millis", measured.p50())
                        .figure("directCallP50Millis", baseline.p50())
                        .figure("directCallP95Millis", baseline.p95())
                        .figure("simulatorRoundTripP50Millis", trip.p50())
                        .figure("simulatorRoundTripP95Millis", trip.p95())
                        .figure("commandOverDirectAtP95", measured.p95() / baseline.p95())
                        .atMost("commandP95Millis", measured.p95(), 20, "ms")
                        .finish();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** 200 Zigbee2MQTT-style sensors, 4 to a device, sharing each device's topic. */
    private static void announce(Mosquitto broker) throws Exception {
        MqttClient device = new MqttClient(broker.url(), "announcer", new MemoryPersistence());
        device.connect();
        String[] kinds = {"temperature", "humidity", "battery", "linkquality"};
        for (int d = 0; d < MQTT_ENTITIES / kinds.length; d++) {
            for (String kind : kinds) {
                device.publish("homeassistant/sensor/0x" + d + "/" + kind + "/config", ("{\"name\":\"" + kind + "\",\"uniq_id\":\"0x" + d + "_" + kind
                        + "\",\"stat_t\":\"zigbee2mqtt/probe" + d + "\",\"val_tpl\":\"{{ value_json." + kind + " }}\",\"dev\":{\"ids\":[\"0x" + d
                        + "\"],\"name\":\"Probe " + d + "\",\"sa\":\"Office\"}}").getBytes(StandardCharsets.UTF_8), 0, true);
            }
            device.publish("zigbee2mqtt/probe" + d, "{\"temperature\":20.5,\"humidity\":40,\"battery\":90,\"linkquality\":120}"
                    .getBytes(StandardCharsets.UTF_8), 0, true);
        }
        device.disconnect();
        device.close();
    }
}
