package jarvis.devices.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.home.Connection;
import jarvis.devices.home.Entity;
import jarvis.devices.home.HazardPolicy;
import jarvis.devices.home.Home;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolContributor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The house's tools for models: search the entities, read one's state, call a service. A model is given a compact
 * slice of the house that matches the request (names, areas, domains, states of at most {@link #SLICE} entities),
 * never the whole registry, and searches for the rest.
 */
public final class HomeTools implements ToolContributor {

    /** The most entities a model is shown at once, in the context or from one search. */
    static final int SLICE = 20;

    /** Words that make a request likely to be about the house even when it names no device. */
    private static final Pattern HOUSE_WORDS = Pattern.compile("\\b(?:turn|switch|toggle|dim|lights?|lamps?|plugs?|sockets?|fans?|heaters?|"
            + "thermostats?|temperature|humidity|lock|unlock|locked|doors?|garage|gates?|blinds?|covers?|shutters?|scenes?|scripts?|alarm|"
            + "sensors?)\\b");

    private final Supplier<Home> home;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Tool> tools;
    private final ServiceCallTool serviceCalls;

    /** {@code home} is asked for only when a request needs the house, so a command line that never does never connects. */
    public HomeTools(Supplier<Home> home, Supplier<HazardPolicy> policy) {
        this.home = home;
        this.serviceCalls = new ServiceCallTool(home, policy);
        this.tools = List.of(new SearchTool(this), new StateTool(this), serviceCalls);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** The service-call tool, which the fast path for device commands uses too. */
    public ServiceCallTool serviceCalls() {
        return serviceCalls;
    }

    @Override
    public boolean relevantTo(String request) {
        if (home().configured().isEmpty()) {
            return false;
        }
        String text = request.toLowerCase(Locale.ROOT);
        return HOUSE_WORDS.matcher(text).find() || !matching(text).isEmpty();
    }

    @Override
    public Optional<String> context(String request) {
        List<Entity> matched = matching(request.toLowerCase(Locale.ROOT));
        String areas = home().entities().stream().map(Entity::area).filter(area -> area != null && !area.isBlank()).distinct().sorted()
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("You can control the workshop's devices with the home_ tools. Areas: ")
                .append(areas.isEmpty() ? "none named" : areas).append('.');
        String stale = home().connections().entrySet().stream().filter(entry -> !entry.getValue().connected()
                        && entry.getValue().status() != Connection.Status.NOT_CONFIGURED)
                .map(entry -> entry.getKey() + " is not connected (" + entry.getValue().detail() + ")").collect(Collectors.joining("; "));
        if (!stale.isEmpty()) {
            text.append(' ').append(stale).append(": its states may be out of date and it cannot be commanded.");
        }
        if (matched.isEmpty()) {
            text.append(" No device name in the request matched; use home_search to find devices.");
        } else {
            text.append(" Devices matching the request (entity_id: name, area, state):");
            matched.forEach(entity -> text.append("\n- ").append(line(entity)));
            text.append("\nUse home_search for others. Call services only on entity_ids you have seen.");
        }
        return Optional.of(text.toString());
    }

    /** The entities a text names (by name, alias, area or id words), best first, at most {@link #SLICE}. */
    List<Entity> matching(String text) {
        Set<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        record Scored(Entity entity, int score) {}
        return home().entities().stream()
                .map(entity -> new Scored(entity, score(entity, words, text)))
                .filter(scored -> scored.score() > 0)
                .sorted(Comparator.comparingInt(Scored::score).reversed().thenComparing(scored -> scored.entity().entityId()))
                .limit(SLICE).map(Scored::entity).toList();
    }

    /** How well an entity fits the words: a whole name in the text counts most, then its area, then shared words. */
    private static int score(Entity entity, Set<String> words, String text) {
        int score = 0;
        List<String> names = new ArrayList<>(entity.aliases());
        names.add(entity.name());
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.isBlank() && text.contains(lower)) {
                score += 10;
            }
            score += (int) words(lower).stream().filter(words::contains).count() * 2;
        }
        if (entity.area() != null && text.contains(entity.area().toLowerCase(Locale.ROOT))) {
            score += 3;
        }
        if (text.contains(entity.entityId())) {
            score += 20;
        }
        if (words.contains(entity.domain()) || words.contains(entity.domain() + "s")) {
            score += score > 0 ? 1 : 0;
        }
        return score;
    }

    private static final Set<String> COMMON = Set.of("the", "a", "an", "in", "on", "off", "to", "of", "is", "it", "my", "and", "turn", "switch",
            "set", "what", "how", "please", "jarvis", "all", "at", "for", "up", "down", "me", "can", "you");

    private static Set<String> words(String text) {
        return Arrays.stream(text.split("[^\\p{L}\\p{N}_]+")).filter(word -> word.length() > 1 && !COMMON.contains(word))
                .collect(Collectors.toSet());
    }

    /** One entity as a model sees it: compact, with its unit and whether its source is connected. */
    ObjectNode describe(Entity entity) {
        ObjectNode node = json.createObjectNode().put("entity_id", entity.entityId()).put("name", entity.name())
                .put("area", entity.area()).put("state", entity.state());
        Object unit = entity.attributes().get("unit_of_measurement");
        if (unit != null) {
            node.put("unit", unit.toString());
        }
        if (!home().current(entity)) {
            node.put("stale", true).put("last_changed", entity.lastChanged().toString());
        }
        return node;
    }

    static String line(Entity entity) {
        Object unit = entity.attributes().get("unit_of_measurement");
        return entity.entityId() + ": " + entity.name() + (entity.area() == null ? "" : ", " + entity.area()) + ", " + entity.state()
                + (unit == null ? "" : " " + unit);
    }

    Home home() {
        return home.get();
    }

    ObjectMapper json() {
        return json;
    }

    ArrayNode list(List<Entity> entities) {
        ArrayNode list = json.createArrayNode();
        entities.forEach(entity -> list.add(describe(entity)));
        return list;
    }

    JsonNode schema(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("A home tool's schema is not JSON", e);
        }
    }
}
