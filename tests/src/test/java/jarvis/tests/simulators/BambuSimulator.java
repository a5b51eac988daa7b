package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.tests.support.MqttMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A Bambu Lab P1-series printer in LAN mode, as PROTOCOLS.md §9 describes it, on a real Mosquitto broker (TLS for
 * clients, a certificate named after the serial, {@code bblp} and the access code): it answers {@code pushall} with
 * its whole state and afterwards sends only what changed (as P1 and A1 printers do), echoes each command with its
 * sequence id and {@code result}, and, locked down as 2025 firmware is outside Developer mode, refuses commands with
 * error 84033543 while still reporting its state. The field names and values follow OpenBambuAPI's mqtt.md and
 * ha-bambulab's pybambu.
 */
public final class BambuSimulator implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final String serial;
    private volatile boolean silent;
    private final MqttClient printer;
    private final ObjectNode state = json.createObjectNode();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile boolean lockedDown;
    /** Reports leave on a thread of their own, in order: Paho's client cannot publish from its own callback thread. */
    private final ExecutorService outbox = Executors.newSingleThreadExecutor();

    /** {@code sideUrl}: the broker's plain listener for the printer itself; the access code is the {@code bblp} password. */
    public BambuSimulator(String sideUrl, String serial, String accessCode) throws MqttException {
        this.serial = serial;
        state.put("command", "push_status").put("msg", 0).put("sequence_id", "0").put("gcode_state", "IDLE")
                .put("nozzle_temper", 24.9).put("nozzle_target_temper", 0).put("bed_temper", 23.8).put("bed_target_temper", 0)
                .put("chamber_temper", 26).put("mc_percent", 0).put("mc_remaining_time", 0).put("layer_num", 0).put("total_layer_num", 0)
                .put("gcode_file", "").put("subtask_name", "").put("print_error", 0).put("spd_lvl", 2).put("wifi_signal", "-44dBm");
        state.putArray("lights_report").addObject().put("node", "chamber_light").put("mode", "off");
        // An AMS with two spools (ids are strings, colours RRGGBBAA, as ha-bambulab's fixtures have them), the second in use.
        var ams = state.putObject("ams").put("tray_now", "1").put("tray_exist_bits", "3");
        var trays = ams.putArray("ams").addObject().put("id", "0").put("humidity", "4").putArray("tray");
        trays.addObject().put("id", "0").put("tray_type", "PLA").put("tray_color", "F2754EFF").put("remain", 80);
        trays.addObject().put("id", "1").put("tray_type", "PETG").put("tray_color", "161616FF").put("remain", 45);
        state.putObject("vt_tray").put("id", "254").put("tray_type", "").put("tray_color", "00000000");
        state.putArray("hms");
        printer = new MqttClient(sideUrl, "printer-" + serial, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("bblp");
        options.setPassword(accessCode.getBytes(StandardCharsets.UTF_8));
        printer.setCallback(new MqttMessages((topic, text) -> request(text),
                () -> printer.subscribe("device/" + serial + "/request", 1)));
        printer.connect(options);
    }

    /** Every command the printer was sent, in order ("pause", "gcode_line M140 S60", "ledctrl on"). */
    public List<String> commands() {
        return commands;
    }

    /** Outside Developer mode on 2025 firmware: state still reported, every command refused. */
    public void lockDown(boolean on) {
        lockedDown = on;
    }

    /** A print starts (sent from Bambu Studio, say). */
    public synchronized void startPrint(String name, int layers, int minutes) {
        change(json.createObjectNode().put("gcode_state", "RUNNING").put("subtask_name", name).put("gcode_file", "/data/Metadata/plate_1.gcode")
                .put("mc_percent", 0).put("mc_remaining_time", minutes).put("layer_num", 1).put("total_layer_num", layers)
                .put("nozzle_target_temper", 220).put("bed_target_temper", 65));
    }

    /** The print moves on: only these fields are sent, as a P1 does. */
    public synchronized void progress(int percent, int minutesLeft, int layer) {
        change(json.createObjectNode().put("mc_percent", percent).put("mc_remaining_time", minutesLeft).put("layer_num", layer));
    }

    public synchronized double target(String heater) {
        return state.path(heater.equals("bed") ? "bed_target_temper" : "nozzle_target_temper").asDouble();
    }

    private synchronized void request(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        message.properties().forEach(module -> {
            JsonNode body = module.getValue();
            String command = body.path("command").asText();
            if (command.equals("pushall")) {
                publish(wrapped("print", state.deepCopy()));
                return;
            }
            commands.add(command + switch (command) {
                case "gcode_line", "gcode_file" -> " " + body.path("param").asText().strip();
                case "project_file" -> " " + body.path("url").asText() + " " + body.path("param").asText();
                case "ledctrl" -> " " + body.path("led_mode").asText();
                default -> "";
            });
            ObjectNode echo = json.createObjectNode().put("command", command).put("sequence_id", body.path("sequence_id").asText());
            if (lockedDown) {
                // What 2025 firmware sends for a command not signed by Bambu's software (HMS 0500_0500_0001_0007).
                echo.put("result", "failed").put("err_code", 84033543L).put("reason", "MQTT command verification failed");
                publish(wrapped(module.getKey(), echo));
                return;
            }
            echo.put("result", "success");
            publish(wrapped(module.getKey(), echo));
            act(command, body);
        });
    }

    private void act(String command, JsonNode body) {
        String now = state.path("gcode_state").asText();
        switch (command) {
            case "pause" -> {
                if (now.equals("RUNNING")) {
                    change(json.createObjectNode().put("gcode_state", "PAUSE"));
                }
            }
            case "resume" -> {
                if (now.equals("PAUSE")) {
                    change(json.createObjectNode().put("gcode_state", "RUNNING"));
                }
            }
            case "stop" -> change(json.createObjectNode().put("gcode_state", "IDLE").put("mc_percent", 0).put("mc_remaining_time", 0)
                    .put("subtask_name", "").put("layer_num", 0).put("total_layer_num", 0));
            case "gcode_line" -> {
                String line = body.path("param").asText().strip();
                if (line.startsWith("M104 S")) {
                    change(json.createObjectNode().put("nozzle_target_temper", Double.parseDouble(line.substring(6))));
                } else if (line.startsWith("M140 S")) {
                    change(json.createObjectNode().put("bed_target_temper", Double.parseDouble(line.substring(6))));
                }
            }
            case "project_file" -> change(json.createObjectNode().put("gcode_state", "RUNNING").put("subtask_name", body.path("subtask_name").asText())
                    .put("gcode_file", body.path("url").asText()).put("mc_percent", 0).put("mc_remaining_time", 30).put("layer_num", 1)
                    .put("total_layer_num", 50));
            case "gcode_file" -> {
                String path = body.path("param").asText();
                change(json.createObjectNode().put("gcode_state", "RUNNING").put("gcode_file", path)
                        .put("subtask_name", path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.gcode$", "")).put("mc_percent", 0));
            }
            case "ledctrl" -> {
                ObjectNode lights = json.createObjectNode();
                lights.putArray("lights_report").addObject().put("node", body.path("led_node").asText()).put("mode", body.path("led_mode").asText());
                change(lights);
            }
            default -> { }
        }
    }

    /** Changes the state and reports only what changed. */
    private void change(ObjectNode delta) {
        state.setAll(delta);
        delta.put("command", "push_status").put("msg", 1).put("sequence_id", "0");
        publish(wrapped("print", delta));
    }

    private ObjectNode wrapped(String module, ObjectNode body) {
        ObjectNode message = json.createObjectNode();
        message.set(module, body);
        return message;
    }

    private void publish(ObjectNode message) {
        byte[] payload = message.toString().getBytes(StandardCharsets.UTF_8);
        if (silent) {
            return;
        }
        outbox.execute(() -> {
            try {
                printer.publish("device/" + serial + "/report", payload, 0, false);
            } catch (MqttException e) {
                throw new IllegalStateException("The simulated printer could not report: " + e.getMessage(), e);
            }
        });
    }

    /** The printer stays connected but reports nothing more and answers nothing, as one whose firmware hung. */
    public void silence() {
        silent = true;
    }

    @Override
    public void close() throws MqttException {
        outbox.shutdownNow();
        if (printer.isConnected()) {
            printer.disconnect();
        }
        printer.close();
    }
}
