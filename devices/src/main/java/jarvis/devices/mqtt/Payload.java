package jarvis.devices.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A message's payload, read as JSON at most once however many entities share its topic (a Zigbee2MQTT device's one
 * topic feeds a dozen entities). Used on one thread at a time.
 */
public final class Payload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private JsonNode json;

    public Payload(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The payload as JSON, or a missing node when it is not JSON. */
    public JsonNode json() {
        if (json == null) {
            try {
                JsonNode parsed = JSON.readTree(text);
                json = parsed == null ? MissingNode.getInstance() : parsed;
            } catch (Exception e) {
                json = MissingNode.getInstance();
            }
        }
        return json;
    }
}
