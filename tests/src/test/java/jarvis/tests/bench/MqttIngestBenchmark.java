package jarvis.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.tests.support.Mosquitto;
import jarvis.tests.support.MqttMessages;
import jarvis.tests.support.RawMqttPublisher;
import jarvis.tests.support.Shells;
import jarvis.ui.home.HomeRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * MQTT state messages pouring in with the Home area open: 10,000 a second for 10 s from a real Mosquitto broker, shaped
 * as Zigbee2MQTT sends them (50 devices, each one JSON topic that four sensors read through value templates, with the
 * bridge's availability), so 40,000 sensor readings a second in two areas, after a warm-up second at the same rate, while a probe asks the UI thread for a turn every 5 ms and
 * records the longest wait (a stall a person would feel), less any stop of the whole machine that a control thread
 * saw at the same moment (the figure beside it keeps the raw wait). The baseline is the same probe with the area open and no
 * messages; the warm-up second's longest wait is reported too. The bare subscriber that the lag is compared with
 * listens only afterwards, to two more seconds of the flood, so it takes no core from the measured ten. Afterwards every sensor's row must
 * show its last value (no final state lost); the time from the last message to that is printed beside the time a bare
 * MQTT subscriber takes to receive it. Left out: drawing to a real screen (the headless platform renders in software).
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class MqttIngestBenchmark {

    /** Zigbee2MQTT's shape: each device one JSON topic, read by four sensors through value templates. */
    private static final int DEVICES = 50;
    private static final String[] READINGS = {"temperature", "humidity", "battery", "linkquality"};
    private static final int SENSORS = DEVICES * READINGS.length;
    private static final int PER_SECOND = 10_000;
    private static final int SECONDS = 10;

    @TempDir
    Path home;

    private Mosquitto broker;
    private Core core;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        broker = Mosquitto.start();
        MqttClient announcer = new MqttClient(broker.url(), "announcer", new MemoryPersistence());
        announcer.connect();
        for (int d = 0; d < DEVICES; d++) {
            for (String reading : READINGS) {
                announcer.publish("homeassistant/sensor/0x" + d + "/" + reading + "/config", ("{\"name\":\"" + reading + "\",\"uniq_id\":\"0x" + d
                        + "_" + reading + "\",\"stat_t\":\"zigbee2mqtt/probe" + d + "\",\"val_tpl\":\"{{ value_json." + reading + " }}\","
                        + "\"avty\":[{\"t\":\"zigbee2mqtt/bridge/state\",\"val_tpl\":\"{{ value_json.state }}\"}],"
                        + "\"dev\":{\"ids\":[\"0x" + d + "\"],\"name\":\"Probe " + d + "\",\"sa\":\"" + (d % 2 == 0 ? "Workshop" : "Office")
                        + "\"}}").getBytes(StandardCharsets.UTF_8), 0, true);
            }
        }
        announcer.publish("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8), 0, true);
        announcer.disconnect();
        announcer.close();
        core = new Core(new DataFolder(home), Map.of("MQTT_URL", broker.url()));
        core.openStorage();
        shell = Shells.show(core, stage);
    }

    @AfterEach
    void stop() throws Exception {
        Shells.close(shell, core);
        broker.close();
    }

    @Test
    void tenThousandStatesASecondWithTheHomeAreaOpen(FxRobot robot) throws Exception {
        robot.clickOn("#rail-home");
        ListView<?> list = robot.lookup("#home-list").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> onFx(() -> items(list).size() == SENSORS));

        long idleStall = UiProbe.longest(UiProbe.waits(Duration.ofSeconds(2), new AtomicBoolean(true), new java.util.concurrent.CopyOnWriteArrayList<>()));

        // Fire and forget, as a busy device does: QoS 0 over a plain socket, so the devices take little of the two cores.
        RawMqttPublisher device = new RawMqttPublisher(broker.url(), "probes");
        AtomicBoolean running = new AtomicBoolean(true);
        List<UiProbe.Wait> machine = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<List<UiProbe.Wait>> measured = new java.util.concurrent.CopyOnWriteArrayList<>();

        String[] last = new String[DEVICES];
        // A second at the full rate first, as a Jarvis that has been running meets a flood: the JIT has compiled the paths.
        AtomicBoolean warming = new AtomicBoolean(true);
        long[] warmStall = {0};
        Thread warmProbe = Thread.ofPlatform().start(() -> warmStall[0] = UiProbe.longest(UiProbe.waits(Duration.ofSeconds(30), warming,
                new java.util.concurrent.CopyOnWriteArrayList<>())));
        publish(device, 1, 0, last);
        warming.set(false);
        warmProbe.join();
        Thread probe = Thread.ofPlatform().start(() -> measured.add(UiProbe.waits(Duration.ofSeconds(SECONDS + 30), running, machine)));
        long started = System.nanoTime();
        int sent = publish(device, SECONDS, PER_SECOND, last);
        long lastSent = System.nanoTime();
        double achieved = sent / ((lastSent - started) / 1e9);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> onFx(() -> showsFinal(list, last)));
        long shownAllFinal = System.nanoTime();
        running.set(false);
        probe.join();

        // The baseline for the lag: a bare subscriber, after the measured ten seconds so it takes no core from them,
        // receiving two seconds of the same flood; its lag from the last message sent to the last received.
        Map<String, String> lastSeenByBareSubscriber = new ConcurrentHashMap<>();
        AtomicLong bareLast = new AtomicLong();
        MqttClient bare = bareSubscriber(lastSeenByBareSubscriber, bareLast);
        publish(device, 2, PER_SECOND * (SECONDS + 1), last);
        long bareSent = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.stream.IntStream.range(0, DEVICES)
                .allMatch(i -> lastSeenByBareSubscriber.getOrDefault("zigbee2mqtt/probe" + i, "").contains(":" + last[i] + ",")));
        device.close();
        bare.disconnect();
        bare.close();

        double finalLagMillis = (shownAllFinal - lastSent) / 1e6;
        double bareLagMillis = Math.max(0, bareLast.get() - bareSent) / 1e6;
        new BenchReport("mqtt-ingest")
                .figure("devices", DEVICES)
                .figure("sensors", SENSORS)
                .figure("messagesSent", sent)
                .figure("messagesPerSecondAchieved", Math.round(achieved))
                .figure("idleUiStallMaxMillis", idleStall / 1e6)
                .figure("warmUpSecondUiStallMaxMillis", warmStall[0] / 1e6)
                .figure("finalStatesShownAfterLastMessageMillis", finalLagMillis)
                .figure("bareSubscriberLastMessageAfterMillis", bareLagMillis)
                .figure("uiWaitMaxMillis", UiProbe.longest(measured.getFirst()) / 1e6)
                .figure("machineStopMaxMillis", UiProbe.longest(machine) / 1e6)
                .figure("stallOverIdle", (double) UiProbe.longestOfTheUi(measured.getFirst(), machine) / Math.max(1, idleStall))
                .atMost("uiStallMaxMillis", UiProbe.longestOfTheUi(measured.getFirst(), machine) / 1e6, 50, "ms")
                .finish();
        assertThat(achieved).as("the publisher kept up the rate").isGreaterThan(PER_SECOND * 0.8);
    }

    /** Publishes {@link #PER_SECOND} messages a second for {@code seconds}, round the sensors; returns how many were sent. */
    private static int publish(RawMqttPublisher device, int seconds, int offset, String[] last) throws java.io.IOException {
        long started = System.nanoTime();
        long tick = Duration.ofMillis(1).toNanos();
        int perTick = PER_SECOND / 1000;
        int sent = 0;
        for (int ms = 0; ms < seconds * 1000; ms++) {
            for (int k = 0; k < perTick; k++) {
                int probe = sent % DEVICES;
                int value = offset + sent;
                last[probe] = Integer.toString(value);
                device.publish("zigbee2mqtt/probe" + probe, "{\"temperature\":" + value + ",\"humidity\":" + value + ",\"battery\":" + value
                        + ",\"linkquality\":" + value + ",\"last_seen\":\"2026-11-30T08:00:00Z\"}");
                sent++;
            }
            device.flush();
            long due = started + (ms + 1) * tick;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
        }
        return sent;
    }

    /** Reads the list on the UI thread, where it changes. */
    private static boolean onFx(java.util.concurrent.Callable<Boolean> check) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(check).get(10, TimeUnit.SECONDS);
    }

    private static List<HomeRow.Item> items(ListView<?> list) {
        return list.getItems().stream().filter(HomeRow.Item.class::isInstance).map(HomeRow.Item.class::cast).toList();
    }

    private static boolean showsFinal(ListView<?> list, String[] last) {
        Map<String, String> shown = new java.util.HashMap<>();
        items(list).forEach(item -> shown.put(item.entity().entityId(), item.entity().state()));
        for (int d = 0; d < DEVICES; d++) {
            for (String reading : READINGS) {
                if (!last[d].equals(shown.get("sensor.probe_" + d + "_" + reading))) {
                    return false;
                }
            }
        }
        return true;
    }

    private MqttClient bareSubscriber(Map<String, String> last, AtomicLong lastAt) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), "bare", new MemoryPersistence());
        client.setCallback(new MqttMessages((topic, text) -> {
            last.put(topic, text);
            lastAt.set(System.nanoTime());
        }, () -> { }));
        client.connect();
        client.subscribe("zigbee2mqtt/#", 0);
        return client;
    }
}
