package jarvis.devices.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.home.Entity;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;

/** {@code home_get_state}: one entity's state and attributes, from the live states, said to be stale when its source is down. */
final class StateTool implements Tool {

    private final HomeTools house;
    private final JsonNode parameters;

    StateTool(HomeTools house) {
        this.house = house;
        this.parameters = house.schema("""
                {"type":"object","additionalProperties":false,"required":["entity_id"],
                 "properties":{"entity_id":{"type":"string","description":"The entity, such as light.bench"}}}""");
    }

    @Override
    public String name() {
        return "home_get_state";
    }

    @Override
    public String description() {
        return "Reads one device's state and attributes (brightness, temperature, position…) by its entity_id.";
    }

    @Override
    public JsonNode parameters() {
        return parameters;
    }

    @Override
    public Hazard hazard() {
        return Hazard.READ;
    }

    @Override
    public String describe(JsonNode arguments) {
        return "read " + arguments.path("entity_id").asText();
    }

    @Override
    public ToolResult run(JsonNode arguments) throws ToolException {
        String entityId = arguments.path("entity_id").asText();
        Entity entity = house.home().entity(entityId).orElseThrow(() -> new ToolException("There is no device " + entityId
                + "; use home_search to find it."));
        ObjectNode described = house.describe(entity);
        described.set("attributes", house.json().valueToTree(entity.attributes()));
        described.put("last_changed", entity.lastChanged().toString());
        return ToolResult.read(described, entity.name() + " is " + entity.state());
    }
}
