package jarvis.devices.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.home.Entity;
import jarvis.devices.home.Numbers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One entity announced by MQTT discovery: the topics it listens to and what each message there means for its state
 * and attributes, and the messages a service call becomes. Reads switches, lights (default and JSON schema), fans,
 * sensors, binary sensors, climate devices, covers and locks; any other platform with a state topic is shown with
 * its state as sent, and cannot be commanded. Its methods are called on the MQTT client's thread, one at a time.
 */
final class MqttEntity {

    /** A command this entity cannot carry out (a sensor, a service it lacks, a topic it did not announce), said why. */
    static final class CannotCommand extends RuntimeException {
        CannotCommand(String why) {
            super(why);
        }
    }

    /** A message to publish for a command. */
    record Publish(String topic, String payload, int qos, boolean retained) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMANDED = Set.of("switch", "light", "fan", "climate", "cover", "lock");
    /** What Home Assistant gives a command template besides {@code value}. */
    private static final Set<String> COMMAND_VARIABLES = Set.of("entity_id", "name", "position", "tilt_position", "position_open",
            "position_closed", "brightness", "color_temp", "red", "green", "blue", "hue", "sat", "percentage", "preset_mode");

    /** Refuses a topic a broker would refuse: empty, with a wildcard (or, for a topic to send to, any wildcard) out of place. */
    private static void checkTopics(JsonNode config) {
        config.properties().forEach(field -> {
            if (field.getKey().endsWith("topic") && field.getValue().isTextual()) {
                String topic = field.getValue().asText();
                boolean sending = field.getKey().contains("command") || field.getKey().startsWith("set_");
                if (!validTopic(topic, !sending)) {
                    throw new IllegalArgumentException("its " + field.getKey() + " '" + topic + "' is not a topic a broker accepts");
                }
            }
        });
    }

    static boolean validTopic(String topic, boolean wildcardsAllowed) {
        if (topic.isEmpty() || topic.indexOf('\u0000') >= 0) {
            return false;
        }
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || (level.equals("#") && i == levels.length - 1);
            if (wildcard && !wildcardsAllowed || !wildcard && (level.contains("+") || level.contains("#"))) {
                return false;
            }
        }
        return true;
    }

    private final String entityId;
    private final String component;
    private final ObjectNode config;
    private final String name;
    private final String area;
    private final String uniqueId;
    private final Map<String, List<Consumer<Payload>>> handlers = new LinkedHashMap<>();
    /** The command templates, read when the config is: one beyond what Jarvis evaluates makes the config skipped, not a command fail. */
    private final Map<String, Template> commandTemplates = new LinkedHashMap<>();
    private final Map<String, Boolean> availability = new LinkedHashMap<>();
    /** What the availability topic that spoke last said, for the default mode {@code latest}. */
    private boolean latestAvailability = true;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String state = "unknown";
    /** Whether a message changed an attribute: set as they are written, so no copy of the map is made to compare. */
    private boolean attributesChanged;
    /** What {@link #entity} gave last, until something changes: the house is read far more often than a device changes. */
    private Entity snapshot;
    private Instant lastChanged;

    /** Why a config cannot be used (a required topic missing), or null when it can. */
    static String missing(String component, JsonNode config) {
        List<String> required = switch (component) {
            case "switch", "light", "fan", "lock" -> List.of("command_topic");
            case "sensor", "binary_sensor" -> List.of("state_topic");
            case "climate", "cover" -> List.of();
            default -> config.hasNonNull("state_topic") ? List.of() : null;
        };
        if (required == null) {
            return "Jarvis does not show '" + component + "' entities without a state topic yet";
        }
        return required.stream().filter(key -> !config.path(key).isTextual()).findFirst()
                .map(key -> "a " + component + " needs '" + key + "'").orElse(null);
    }

    /**
     * Throws {@link IllegalArgumentException} when a template in the config is beyond what Jarvis evaluates or a topic
     * is one a broker would refuse.
     */
    MqttEntity(String entityId, String component, ObjectNode config, Instant now) {
        this.entityId = entityId;
        this.component = component;
        this.config = config;
        this.name = friendlyName(component, config);
        this.area = config.path("device").path("suggested_area").asText(null);
        this.uniqueId = config.path("unique_id").asText(null);
        this.lastChanged = now;
        attribute("friendly_name", name);
        for (String key : List.of("device_class", "unit_of_measurement", "state_class", "icon", "entity_category")) {
            if (config.path(key).isValueNode()) {
                attribute(key, config.path(key).asText());
            }
        }
        checkTopics(config);
        config.properties().forEach(field -> {
            if ((field.getKey().endsWith("command_template") || field.getKey().equals("set_position_template")) && field.getValue().isTextual()) {
                commandTemplates.put(field.getKey(), Template.parse(field.getValue().asText(), COMMAND_VARIABLES));
            }
        });
        listenForAvailability();
        listenForState();
        if (config.path("json_attributes_topic").isTextual()) {
            Template template = template("json_attributes_template");
            on(config.path("json_attributes_topic").asText(), payload -> render(template, payload).ifPresent(this::mergeAttributes));
        }
    }

    /** Home Assistant's naming: with a device, its name and then the entity's (a null name is the device alone). */
    static String friendlyName(String component, JsonNode config) {
        String device = config.path("device").path("name").asText(null);
        JsonNode own = config.get("name");
        if (device != null && (own == null || own.isNull())) {
            return device;
        }
        String entity = own == null ? "MQTT " + component.replace('_', ' ') : own.asText();
        return device == null || entity.startsWith(device) ? entity : device + " " + entity;
    }

    String entityId() {
        return entityId;
    }

    String uniqueId() {
        return uniqueId;
    }

    /** The topics to subscribe to for this entity's state, attributes and availability. */
    Set<String> topics() {
        return handlers.keySet();
    }

    /** A message on one of {@link #topics()}; true when it changed what the entity shows. */
    private void attribute(String key, Object value) {
        if (!Objects.equals(attributes.put(key, value), value)) {
            attributesChanged = true;
        }
    }

    /** The config it was made from, to tell an announcement repeated from a changed one. */
    JsonNode config() {
        return config;
    }

    synchronized boolean receive(String topic, Payload payload, Instant at) {
        String stateBefore = shownState();
        attributesChanged = false;
        handlers.getOrDefault(topic, List.of()).forEach(handler -> handler.accept(payload));
        boolean changed = !stateBefore.equals(shownState()) || attributesChanged;
        if (!stateBefore.equals(shownState())) {
            lastChanged = at;
        }
        if (changed) {
            snapshot = null;
        }
        return changed || config.path("force_update").asBoolean(false);
    }

    synchronized Entity entity(String source) {
        if (snapshot == null) {
            snapshot = new Entity(entityId, name, List.of(), area, shownState(), attributes, lastChanged, source, uniqueId);
        }
        return snapshot;
    }

    private String shownState() {
        return available() ? state : "unavailable";
    }

    private boolean available() {
        if (availability.isEmpty()) {
            return true;
        }
        return switch (config.path("availability_mode").asText("latest")) {
            case "all" -> availability.values().stream().allMatch(Boolean::booleanValue);
            case "any" -> availability.values().stream().anyMatch(Boolean::booleanValue);
            default -> latestAvailability;
        };
    }

    private void listenForAvailability() {
        List<JsonNode> entries = new ArrayList<>();
        if (config.path("availability_topic").isTextual()) {
            ObjectNode single = JSON.createObjectNode().put("topic", config.path("availability_topic").asText());
            copyIfPresent(config, single, "payload_available", "payload_not_available");
            if (config.has("availability_template")) {
                single.set("value_template", config.get("availability_template"));
            }
            entries.add(single);
        }
        config.path("availability").forEach(entries::add);
        for (JsonNode entry : entries) {
            String topic = entry.path("topic").asText(null);
            if (topic == null) {
                continue;
            }
            String up = entry.path("payload_available").asText("online");
            String down = entry.path("payload_not_available").asText("offline");
            Template template = entry.path("value_template").isTextual() ? Template.parse(entry.path("value_template").asText()) : null;
            if (!validTopic(topic, true)) {
                throw new IllegalArgumentException("its availability topic '" + topic + "' is not a topic a broker accepts");
            }
            // Until a device says otherwise it counts as unavailable, as Home Assistant does.
            availability.put(topic, false);
            latestAvailability = false;
            on(topic, payload -> render(template, payload).ifPresent(value -> {
                if (value.equals(up) || value.equals(down)) {
                    availability.put(topic, value.equals(up));
                    latestAvailability = value.equals(up);
                }
            }));
        }
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String... keys) {
        for (String key : keys) {
            if (from.has(key)) {
                to.set(key, from.get(key));
            }
        }
    }

    private void listenForState() {
        Template value = template("value_template");
        switch (component) {
            case "switch", "binary_sensor", "fan" -> {
                onText("state_topic", value, this::onOff);
                if (component.equals("fan")) {
                    onText("percentage_state_topic", template("percentage_value_template"), percentage -> attribute("percentage", number(percentage)));
                }
            }
            case "light" -> listenForLight(value);
            case "climate" -> {
                attribute("hvac_modes", strings(config.path("modes"), List.of("auto", "off", "cool", "heat", "dry", "fan_only")));
                attribute("min_temp", number(config.path("min_temp").asText("7")));
                attribute("max_temp", number(config.path("max_temp").asText("35")));
                attribute("target_temp_step", number(config.path("temp_step").asText("0.5")));
                onText("mode_state_topic", template("mode_state_template"), mode -> state = mode);
                onText("temperature_state_topic", template("temperature_state_template"), target -> attribute("temperature", number(target)));
                onText("current_temperature_topic", template("current_temperature_template"),
                        current -> attribute("current_temperature", number(current)));
                onText("action_topic", template("action_template"), action -> attribute("hvac_action", action));
                if (!config.path("mode_state_topic").isTextual()) {
                    state = "off";
                }
            }
            case "cover" -> {
                onText("state_topic", value, this::coverState);
                onText("position_topic", template("position_template"), position -> {
                    int percent = scaled(position, "position_closed", 0, "position_open", 100);
                    attribute("current_position", percent);
                    if (!config.path("state_topic").isTextual()) {
                        state = percent > 0 ? "open" : "closed";
                    }
                });
            }
            case "lock" -> onText("state_topic", value, this::lockState);
            default -> onText("state_topic", value, reading -> state = reading);
        }
    }

    private void listenForLight(Template value) {
        if (jsonSchema()) {
            attribute("supported_color_modes", strings(config.path("supported_color_modes"), List.of()));
            onJson("state_topic", message -> {
                if (message.path("state").isTextual()) {
                    state = message.path("state").asText().equalsIgnoreCase("ON") ? "on" : "off";
                }
                if (message.path("brightness").isNumber()) {
                    attribute("brightness", toByte(message.path("brightness").asDouble()));
                }
                if (message.path("color_temp").isNumber()) {
                    attribute("color_temp", message.path("color_temp").asInt());
                }
                if (message.path("color_mode").isTextual()) {
                    attribute("color_mode", message.path("color_mode").asText());
                }
                if (message.path("color").isObject()) {
                    attribute("color", JSON.convertValue(message.path("color"), Map.class));
                }
            });
            return;
        }
        onText("state_topic", template("state_value_template") != null ? template("state_value_template") : value, this::onOff);
        onText("brightness_state_topic", template("brightness_value_template"), brightness -> attribute("brightness", toByte(number(brightness).doubleValue())));
        onText("color_temp_state_topic", template("color_temp_value_template"), mireds -> attribute("color_temp", number(mireds).intValue()));
    }

    private void onOff(String payload) {
        String on = config.path("state_on").asText(config.path("payload_on").asText("ON"));
        String off = config.path("state_off").asText(config.path("payload_off").asText("OFF"));
        if (payload.equals(on)) {
            state = "on";
        } else if (payload.equals(off)) {
            state = "off";
        } else if (payload.equalsIgnoreCase("None") || payload.isEmpty()) {
            state = "unknown";
        }
    }

    private void coverState(String payload) {
        for (String named : List.of("open", "closed", "opening", "closing", "stopped")) {
            if (payload.equals(config.path("state_" + named).asText(named))) {
                state = named.equals("stopped") ? "open" : named;
                return;
            }
        }
    }

    private void lockState(String payload) {
        for (String named : List.of("locked", "unlocked", "locking", "unlocking", "jammed")) {
            if (payload.equals(config.path("state_" + named).asText(named.toUpperCase(Locale.ROOT)))) {
                state = named;
                return;
            }
        }
    }

    /** The messages that carry out {@code domain.service} with {@code data}; throws when this entity cannot do it. */
    synchronized List<Publish> command(String service, Map<String, Object> data) {
        if (!COMMANDED.contains(component)) {
            throw new CannotCommand(name + " (" + component + ") can only be read");
        }
        List<Publish> out = new ArrayList<>();
        switch (component + "." + service) {
            case "switch.turn_on", "fan.turn_on", "light.turn_on" -> turnOn(data, out);
            case "switch.turn_off", "fan.turn_off", "light.turn_off" -> out.add(power(false));
            case "switch.toggle", "fan.toggle", "light.toggle" -> {
                if (state.equals("on")) {
                    out.add(power(false));
                } else {
                    turnOn(data, out);
                }
            }
            case "fan.set_percentage" -> out.add(publish("percentage_command_topic", "percentage_command_template",
                    String.valueOf(((Number) data.get("percentage")).intValue())));
            case "climate.set_temperature" -> out.add(publish("temperature_command_topic", "temperature_command_template",
                    Numbers.plain(((Number) data.get("temperature")).doubleValue())));
            case "climate.set_hvac_mode" -> out.add(publish("mode_command_topic", "mode_command_template", String.valueOf(data.get("hvac_mode"))));
            case "climate.turn_off" -> out.add(config.path("power_command_topic").isTextual()
                    ? publish("power_command_topic", null, config.path("payload_off").asText("OFF"))
                    : publish("mode_command_topic", "mode_command_template", "off"));
            case "cover.open_cover" -> out.add(publish("command_topic", null, config.path("payload_open").asText("OPEN")));
            case "cover.close_cover" -> out.add(publish("command_topic", null, config.path("payload_close").asText("CLOSE")));
            case "cover.stop_cover" -> out.add(publish("command_topic", null, config.path("payload_stop").asText("STOP")));
            case "cover.set_cover_position" -> {
                int percent = ((Number) data.get("position")).intValue();
                int closed = config.path("position_closed").asInt(0);
                int open = config.path("position_open").asInt(100);
                String position = String.valueOf(closed + Math.round((open - closed) * percent / 100f));
                out.add(publish("set_position_topic", "set_position_template", position, Map.of("position", position,
                        "position_open", open, "position_closed", closed)));
            }
            case "lock.lock" -> out.add(publish("command_topic", "command_template", config.path("payload_lock").asText("LOCK")));
            case "lock.unlock" -> out.add(publish("command_topic", "command_template", config.path("payload_unlock").asText("UNLOCK")));
            default -> throw new CannotCommand(name + " (" + component + ") has no '" + service + "'");
        }
        if (out.contains(null)) {
            throw new CannotCommand(name + " announced no topic for '" + service + "'");
        }
        return out;
    }

    /** A command's effect shown at once for an entity without a state topic, as Home Assistant's optimistic mode does. */
    synchronized boolean assumeDone(String service, Map<String, Object> data, Instant at) {
        if (config.path("state_topic").isTextual() && !config.path("optimistic").asBoolean(false)) {
            return false;
        }
        String before = state;
        switch (service) {
            case "turn_on" -> state = "on";
            case "turn_off" -> state = "off";
            case "toggle" -> state = state.equals("on") ? "off" : "on";
            case "open_cover" -> state = "open";
            case "close_cover" -> state = "closed";
            case "lock" -> state = "locked";
            case "unlock" -> state = "unlocked";
            case "set_hvac_mode" -> state = String.valueOf(data.get("hvac_mode"));
            case "set_temperature" -> attribute("temperature", data.get("temperature"));
            default -> { }
        }
        if (!before.equals(state)) {
            lastChanged = at;
        }
        snapshot = null;
        return true;
    }

    private void turnOn(Map<String, Object> data, List<Publish> out) {
        boolean json = jsonSchema();
        Number percent = (Number) data.get("brightness_pct");
        if (json) {
            ObjectNode message = JSON.createObjectNode().put("state", "ON");
            if (percent != null) {
                message.put("brightness", Math.round(percent.doubleValue() / 100 * config.path("brightness_scale").asInt(255)));
            }
            if (data.get("color_temp_kelvin") instanceof Number kelvin) {
                message.put("color_temp", Math.round(1_000_000 / kelvin.doubleValue()));
            }
            out.add(publish("command_topic", null, message.toString()));
            return;
        }
        boolean brightnessOnly = percent != null && config.path("on_command_type").asText("last").equals("brightness");
        if (config.path("on_command_type").asText("last").equals("first") || brightnessOnly) {
            addLevel(percent, out);
            if (!brightnessOnly) {
                out.add(power(true));
            }
            return;
        }
        out.add(power(true));
        addLevel(percent, out);
        if (data.get("color_temp_kelvin") instanceof Number kelvin && config.path("color_temp_command_topic").isTextual()) {
            out.add(publish("color_temp_command_topic", "color_temp_command_template", String.valueOf(Math.round(1_000_000 / kelvin.doubleValue()))));
        }
    }

    private boolean jsonSchema() {
        return config.path("schema").asText("default").equals("json");
    }

    private void addLevel(Number percent, List<Publish> out) {
        if (percent == null) {
            return;
        }
        if (component.equals("fan")) {
            out.add(publish("percentage_command_topic", "percentage_command_template", String.valueOf(percent.intValue())));
        } else if (config.path("brightness_command_topic").isTextual()) {
            out.add(publish("brightness_command_topic", "brightness_command_template",
                    String.valueOf(Math.round(percent.doubleValue() / 100 * config.path("brightness_scale").asInt(255)))));
        }
    }

    private Publish power(boolean on) {
        if (jsonSchema()) {
            return publish("command_topic", null, JSON.createObjectNode().put("state", on ? "ON" : "OFF").toString());
        }
        return publish("command_topic", "command_template", config.path(on ? "payload_on" : "payload_off").asText(on ? "ON" : "OFF"));
    }

    /** A message on the topic under {@code topicKey}, through its command template if it has one; null with no topic. */
    private Publish publish(String topicKey, String templateKey, String value) {
        return publish(topicKey, templateKey, value, Map.of());
    }

    private Publish publish(String topicKey, String templateKey, String value, Map<String, Object> variables) {
        if (!config.path(topicKey).isTextual()) {
            return null;
        }
        String payload = value;
        Template template = templateKey == null ? null : commandTemplates.get(templateKey);
        if (template != null) {
            Map<String, Object> given = new LinkedHashMap<>(variables);
            given.put("entity_id", entityId);
            given.put("name", name);
            payload = template.render(new Payload(value), given).orElse(value);
        }
        return new Publish(config.path(topicKey).asText(), payload, config.path("qos").asInt(0), config.path("retain").asBoolean(false));
    }

    private void onText(String topicKey, Template template, Consumer<String> handler) {
        if (config.path(topicKey).isTextual()) {
            on(config.path(topicKey).asText(), payload -> render(template, payload).ifPresent(handler));
        }
    }

    private void onJson(String topicKey, Consumer<JsonNode> handler) {
        if (config.path(topicKey).isTextual()) {
            on(config.path(topicKey).asText(), payload -> handler.accept(payload.json()));
        }
    }

    private void on(String topic, Consumer<Payload> handler) {
        handlers.computeIfAbsent(topic, key -> new ArrayList<>()).add(handler);
    }

    private Template template(String key) {
        return config.path(key).isTextual() ? Template.parse(config.path(key).asText()) : null;
    }

    private static Optional<String> render(Template template, Payload payload) {
        return template == null ? Optional.of(payload.text()) : template.render(payload, Map.of());
    }

    private void mergeAttributes(String payload) {
        JsonNode message = new Payload(payload).json();
        if (message.isObject()) {
            message.properties().forEach(field -> attribute(field.getKey(),
                    field.getValue().isValueNode() ? JSON.convertValue(field.getValue(), Object.class) : field.getValue().toString()));
        }
    }

    private int scaled(String raw, String lowKey, int low, String highKey, int high) {
        double value = number(raw).doubleValue();
        double from = config.path(lowKey).asDouble(low);
        double to = config.path(highKey).asDouble(high);
        return (int) Math.round(Math.clamp((value - from) / (to - from) * 100, 0, 100));
    }

    private int toByte(double brightness) {
        return (int) Math.round(brightness / config.path("brightness_scale").asDouble(255) * 255);
    }

    private static Number number(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            return value.scale() <= 0 ? (Number) value.intValueExact() : (Number) value.doubleValue();
        } catch (ArithmeticException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String> strings(JsonNode list, List<String> otherwise) {
        if (!list.isArray()) {
            return otherwise;
        }
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.asText()));
        return out;
    }
}
