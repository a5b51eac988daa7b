package jarvis.devices.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Home Assistant MQTT discovery messages: per-entity topics ({@code <prefix>/<component>/[<node_id>/]<object_id>/config})
 * and device-based ones ({@code <prefix>/device/<object_id>/config}, with its {@code components}), abbreviated keys
 * written out, {@code ~} expanded, the device's shared keys given to each of its components. An empty payload removes
 * what the topic announced. What cannot be read is given back as a problem with its reason; the rest is kept.
 */
final class Discovery {

    /** One entity's configuration: {@code key} tells apart the entities one topic announces. */
    record Config(String key, String topic, String component, ObjectNode settings) {}

    /** A discovery message read: its entities, or that the topic's entities are gone, and what could not be read. */
    record Read(String topic, List<Config> configs, boolean removal, List<String> problems) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]+");
    /** The keys a device-based payload shares with its components. */
    private static final Set<String> SHARED = Set.of("availability", "availability_topic", "availability_mode", "availability_template",
            "payload_available", "payload_not_available", "state_topic", "command_topic", "qos", "encoding", "~");

    private Discovery() {}

    /** Whether {@code topic} is a discovery config topic under {@code prefix}. */
    static boolean isConfigTopic(String prefix, String topic) {
        if (!topic.startsWith(prefix + "/") || !topic.endsWith("/config")) {
            return false;
        }
        String[] levels = topic.substring(prefix.length() + 1, topic.length() - "/config".length()).split("/", -1);
        return (levels.length == 2 || levels.length == 3) && Arrays.stream(levels).allMatch(level -> ID.matcher(level).matches());
    }

    static Read read(String prefix, String topic, String payload) {
        String[] levels = topic.substring(prefix.length() + 1, topic.length() - "/config".length()).split("/");
        String component = levels[0];
        if (payload.isBlank()) {
            return new Read(topic, List.of(), true, List.of());
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(payload);
        } catch (Exception e) {
            return problem(topic, "its payload is not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (parsed == null || !parsed.isObject()) {
            return problem(topic, "its payload is not a JSON object");
        }
        ObjectNode config = Abbreviations.expand(parsed);
        if (!component.equals("device")) {
            List<String> problems = new ArrayList<>();
            List<Config> configs = new ArrayList<>();
            accept(new Config(topic, topic, component, expandBase(config)), problems, configs);
            return new Read(topic, configs, false, problems);
        }
        if (!config.path("device").isObject() || !config.path("components").isObject()) {
            return problem(topic, "a device-based payload needs 'dev' and 'cmps'");
        }
        List<Config> configs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        config.path("components").properties().forEach(entry -> {
            JsonNode part = entry.getValue();
            // A component sent with only its platform is Home Assistant's way of removing it from the device.
            if (part.isObject() && part.size() == 1 && part.path("platform").isTextual()) {
                return;
            }
            if (!part.isObject() || !part.path("platform").isTextual()) {
                problems.add(topic + " component '" + entry.getKey() + "' was skipped: it needs 'p' (its platform)");
                return;
            }
            ObjectNode settings = ((ObjectNode) part).deepCopy();
            SHARED.forEach(key -> {
                if (config.has(key) && !settings.has(key)) {
                    settings.set(key, config.get(key).deepCopy());
                }
            });
            settings.set("device", config.get("device"));
            if (config.has("origin")) {
                settings.set("origin", config.get("origin"));
            }
            accept(new Config(topic + "#" + entry.getKey(), topic, settings.path("platform").asText(), expandBase(settings)), problems, configs);
        });
        return new Read(topic, configs, false, problems);
    }

    private static void accept(Config config, List<String> problems, List<Config> configs) {
        String missing = MqttEntity.missing(config.component(), config.settings());
        if (missing != null) {
            problems.add(config.key() + " was skipped: " + missing);
        } else {
            configs.add(config);
        }
    }

    private static Read problem(String topic, String why) {
        return new Read(topic, List.of(), false, List.of(topic + " was skipped: " + why));
    }

    /** {@code ~} at the start or the end of a topic stands for the payload's base topic. */
    private static ObjectNode expandBase(ObjectNode settings) {
        String base = settings.path("~").asText(null);
        if (base == null) {
            return settings;
        }
        settings.properties().forEach(field -> {
            if (field.getKey().endsWith("topic") && field.getValue().isTextual()) {
                settings.put(field.getKey(), tilde(field.getValue().asText(), base));
            }
        });
        settings.path("availability").forEach(entry -> {
            if (entry.isObject() && entry.path("topic").isTextual()) {
                ((ObjectNode) entry).put("topic", tilde(entry.path("topic").asText(), base));
            }
        });
        return settings;
    }

    private static String tilde(String topic, String base) {
        if (topic.startsWith("~")) {
            return base + topic.substring(1);
        }
        return topic.endsWith("~") ? topic.substring(0, topic.length() - 1) + base : topic;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
