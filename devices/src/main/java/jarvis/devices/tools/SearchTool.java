package jarvis.devices.tools;

import com.fasterxml.jackson.databind.JsonNode;
import jarvis.devices.home.Entity;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code home_search}: entities by words, area and domain, at most a slice of them, from the live states. */
final class SearchTool implements Tool {

    private final HomeTools house;
    private final JsonNode parameters;

    SearchTool(HomeTools house) {
        this.house = house;
        this.parameters = house.schema("""
                {"type":"object","additionalProperties":false,
                 "properties":{"query":{"type":"string","description":"Words from the device's name, such as 'bench light'"},
                               "area":{"type":"string","description":"An area's name, such as 'Workshop'"},
                               "domain":{"type":"string","description":"A domain, such as light, switch, sensor, climate, cover, lock"}}}""");
    }

    @Override
    public String name() {
        return "home_search";
    }

    @Override
    public String description() {
        return "Finds the workshop's devices by words of their name, their area or their domain; returns at most "
                + HomeTools.SLICE + " with entity_id, name, area and state.";
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
        return "search the devices for " + arguments.toString();
    }

    @Override
    public ToolResult run(JsonNode arguments) {
        String query = arguments.path("query").asText("").toLowerCase(Locale.ROOT);
        String area = arguments.path("area").asText("");
        String domain = arguments.path("domain").asText("");
        List<Entity> candidates = query.isBlank() ? house.home().entities().stream().sorted(Comparator.comparing(Entity::entityId)).toList()
                : house.matching(query);
        List<Entity> found = candidates.stream()
                .filter(entity -> area.isBlank() || area.equalsIgnoreCase(entity.area()))
                .filter(entity -> domain.isBlank() || domain.equalsIgnoreCase(entity.domain()))
                .limit(HomeTools.SLICE).toList();
        return ToolResult.read(house.list(found), "Found " + found.size() + " device" + (found.size() == 1 ? "" : "s"));
    }
}
