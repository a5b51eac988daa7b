package jarvis.devices.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.home.Entity;
import jarvis.devices.home.HazardPolicy;
import jarvis.devices.home.Home;
import jarvis.devices.home.Numbers;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import jarvis.orchestrator.tools.Undo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code home_call_service}: a Home Assistant service on some entities of one domain, sent to the source that owns
 * them. Only the data each service takes is sent, so nothing can widen the target beyond the entities checked (Home
 * Assistant would read an {@code area_id} in the data as more targets). The hazard policy decides, call by call,
 * whether a person must confirm first, for the device under every id it has; an id not known now counts as
 * hazardous. A change to a light, switch, fan, cover or climate target can be undone: the reversal is a call like any
 * other, made through the runner, so it is confirmed and audited as one.
 */
public final class ServiceCallTool implements Tool {

    /** The services a model may call, by domain, each with the data keys it takes. */
    private static final Map<String, Map<String, Set<String>>> SERVICES = Map.of(
            "light", Map.of("turn_on", Set.of("brightness_pct", "brightness", "color_temp_kelvin", "transition"),
                    "turn_off", Set.of("transition"), "toggle", Set.of()),
            "switch", Map.of("turn_on", Set.of(), "turn_off", Set.of(), "toggle", Set.of()),
            "input_boolean", Map.of("turn_on", Set.of(), "turn_off", Set.of(), "toggle", Set.of()),
            "fan", Map.of("turn_on", Set.of("percentage"), "turn_off", Set.of(), "toggle", Set.of(), "set_percentage", Set.of("percentage")),
            "cover", Map.of("open_cover", Set.of(), "close_cover", Set.of(), "stop_cover", Set.of(), "set_cover_position", Set.of("position")),
            "climate", Map.of("set_temperature", Set.of("temperature", "target_temp_low", "target_temp_high", "hvac_mode"),
                    "set_hvac_mode", Set.of("hvac_mode"), "turn_on", Set.of(), "turn_off", Set.of()),
            "lock", Map.of("lock", Set.of(), "unlock", Set.of()),
            "scene", Map.of("turn_on", Set.of()),
            "script", Map.of("turn_on", Set.of()),
            "alarm_control_panel", Map.of("alarm_arm_home", Set.of(), "alarm_arm_away", Set.of(), "alarm_disarm", Set.of()));
    private static final Set<String> UNDOABLE = Set.of("light", "switch", "input_boolean", "fan", "cover", "climate");
    /** Longer than a source's own command timeout, so a slow call is not reported undone and then done. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final Supplier<Home> home;
    private final Supplier<HazardPolicy> policy;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode parameters;

    ServiceCallTool(Supplier<Home> home, Supplier<HazardPolicy> policy) {
        this.home = home;
        this.policy = policy;
        try {
            this.parameters = json.readTree("""
                    {"type":"object","additionalProperties":false,"required":["domain","service","entity_id"],
                     "properties":{
                       "domain":{"type":"string","enum":["light","switch","input_boolean","fan","cover","climate","lock","scene","script",
                                                        "alarm_control_panel"]},
                       "service":{"type":"string","description":"turn_on, turn_off, toggle, set_percentage, open_cover, close_cover, stop_cover, set_cover_position, set_temperature, set_hvac_mode, lock, unlock"},
                       "entity_id":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"string"},"minItems":1}]},
                       "data":{"type":"object","additionalProperties":false,
                               "properties":{
                                 "brightness_pct":{"type":"integer","minimum":0,"maximum":100},
                                 "brightness":{"type":"integer","minimum":0,"maximum":255},
                                 "color_temp_kelvin":{"type":"integer","minimum":1000,"maximum":20000},
                                 "transition":{"type":"number","minimum":0,"maximum":300},
                                 "percentage":{"type":"integer","minimum":0,"maximum":100},
                                 "position":{"type":"integer","minimum":0,"maximum":100},
                                 "temperature":{"type":"number"},
                                 "target_temp_low":{"type":"number"},
                                 "target_temp_high":{"type":"number"},
                                 "hvac_mode":{"type":"string","enum":["off","heat","cool","heat_cool","auto","dry","fan_only"]}}}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arguments for calling {@code domain.service} on {@code entityIds} with {@code data}, as a model would give them. */
    public ObjectNode arguments(String domain, String service, List<String> entityIds, Map<String, Object> data) {
        ObjectNode arguments = json.createObjectNode().put("domain", domain).put("service", service);
        entityIds.forEach(arguments.putArray("entity_id")::add);
        arguments.set("data", json.valueToTree(data));
        return arguments;
    }

    @Override
    public String name() {
        return "home_call_service";
    }

    @Override
    public String description() {
        return "Calls a Home Assistant service on devices of one domain, such as light.turn_on with data {\"brightness_pct\": 40}, "
                + "climate.set_temperature with {\"temperature\": 21}, cover.open_cover, lock.unlock. Locks, garage doors, alarms, scripts "
                + "and devices the person marked hazardous wait for the person's confirmation.";
    }

    @Override
    public JsonNode parameters() {
        return parameters;
    }

    @Override
    public Hazard hazard() {
        return Hazard.ACT;
    }

    @Override
    public Optional<String> needsConfirmation(JsonNode arguments) {
        Map<String, Object> data = data(arguments);
        String service = arguments.path("service").asText();
        HazardPolicy rules = policy.get();
        Home house = home.get();
        for (String entityId : ids(arguments)) {
            Optional<Entity> entity = house.entity(entityId);
            if (entity.isEmpty()) {
                // Not known right now (a source re-announcing it, an integration reloading): asked, never waved through.
                return Optional.of(entityId + " is not known right now");
            }
            Optional<String> why = house.sameDevice(entity.get()).stream().map(twin -> rules.why(twin, service, data))
                    .filter(Objects::nonNull).findFirst();
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe(JsonNode arguments) {
        List<Entity> entities = entities(arguments);
        String names = entities.isEmpty() ? String.join(", ", ids(arguments))
                : entities.stream().map(Entity::name).collect(Collectors.joining(", "));
        Map<String, Object> data = data(arguments);
        String domain = arguments.path("domain").asText();
        String service = arguments.path("service").asText();
        return switch (service) {
            case "turn_on" -> data.containsKey("brightness_pct") ? "set " + names + " to " + Numbers.plain(data.get("brightness_pct")) + " %"
                    : domain.equals("scene") || domain.equals("script") ? "run " + names : "turn on " + names;
            case "turn_off" -> "turn off " + names;
            case "toggle" -> "toggle " + names;
            case "open_cover" -> "open " + names;
            case "close_cover" -> "close " + names;
            case "stop_cover" -> "stop " + names;
            case "set_cover_position" -> "set " + names + " to " + Numbers.plain(data.get("position")) + " %";
            case "set_percentage" -> "set " + names + " to " + Numbers.plain(data.get("percentage")) + " %";
            case "set_temperature" -> "set " + names + " to " + Numbers.plain(data.get("temperature")) + " °C";
            case "set_hvac_mode" -> "set " + names + " to " + data.get("hvac_mode");
            case "lock" -> "lock " + names;
            case "unlock" -> "unlock " + names;
            default -> domain + "." + service + " on " + names;
        };
    }

    @Override
    public String currentState(JsonNode arguments) {
        Home house = home.get();
        return entities(arguments).stream().map(entity -> entity.name() + " is " + entity.state()
                + (house.current(entity) ? "" : " (last known, " + entity.source() + " is not connected)")).collect(Collectors.joining("; "));
    }

    @Override
    public ToolResult run(JsonNode arguments) throws ToolException {
        String domain = arguments.path("domain").asText();
        String service = arguments.path("service").asText();
        Set<String> takes = SERVICES.getOrDefault(domain, Map.of()).get(service);
        if (takes == null) {
            throw new ToolException(domain + " has no service '" + service + "'; it has " + String.join(", ",
                    SERVICES.getOrDefault(domain, Map.of()).keySet()) + ".");
        }
        Map<String, Object> data = data(arguments);
        Set<String> extra = data.keySet().stream().filter(key -> !takes.contains(key)).collect(Collectors.toSet());
        if (!extra.isEmpty()) {
            throw new ToolException(domain + "." + service + " does not take " + String.join(", ", extra)
                    + (takes.isEmpty() ? "; it takes no data." : "; it takes " + String.join(", ", takes) + "."));
        }
        List<Entity> before = new ArrayList<>();
        for (String entityId : ids(arguments)) {
            Entity entity = home.get().entity(entityId).orElseThrow(() -> new ToolException("There is no device " + entityId
                    + "; use home_search to find it."));
            if (!entity.domain().equals(domain)) {
                throw new ToolException(entityId + " is a " + entity.domain() + ", not a " + domain + ".");
            }
            before.add(entity);
        }
        call(domain, service, data, before.stream().map(Entity::entityId).toList());
        String done = past(describe(arguments));
        ObjectNode result = json.createObjectNode().put("done", true).put("message", done);
        Optional<Undo> undo = UNDOABLE.contains(domain) ? Optional.of(new Undo("Undo: put "
                + before.stream().map(Entity::name).collect(Collectors.joining(", ")) + " back", restoring(before))) : Optional.empty();
        return new ToolResult(result, done, true, undo);
    }

    private void call(String domain, String service, Map<String, Object> data, List<String> entityIds) throws ToolException {
        try {
            home.get().callService(domain, service, data, entityIds).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ToolException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ToolException("no answer within " + PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("stopped while waiting for the answer");
        }
    }

    /**
     * The calls that put each entity back as it was before: on or off with its brightness (as a percentage, which
     * every source takes), a cover's position, a climate target and mode; nothing for a state that was not known.
     */
    private List<Undo.Step> restoring(List<Entity> before) {
        List<Undo.Step> steps = new ArrayList<>();
        for (Entity entity : before) {
            Map<String, Object> attributes = entity.attributes();
            String domain = entity.domain();
            List<String> target = List.of(entity.entityId());
            if (!entity.available()) {
                continue;
            }
            switch (domain) {
                case "cover" -> {
                    if (attributes.get("current_position") instanceof Number position) {
                        steps.add(step(domain, "set_cover_position", target, Map.of("position", position.intValue())));
                    } else if (entity.state().equals("closed") || entity.state().equals("open")) {
                        steps.add(step(domain, entity.state().equals("closed") ? "close_cover" : "open_cover", target, Map.of()));
                    }
                }
                case "climate" -> {
                    if (attributes.get("temperature") instanceof Number temperature) {
                        steps.add(step(domain, "set_temperature", target, Map.of("temperature", temperature)));
                    }
                    steps.add(step(domain, "set_hvac_mode", target, Map.of("hvac_mode", entity.state())));
                }
                default -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    if (domain.equals("light") && attributes.get("brightness") instanceof Number brightness) {
                        data.put("brightness_pct", (int) Math.round(brightness.doubleValue() / 2.55));
                    }
                    if (domain.equals("fan") && attributes.get("percentage") instanceof Number percentage) {
                        data.put("percentage", percentage.intValue());
                    }
                    boolean on = entity.state().equals("on");
                    steps.add(step(domain, on ? "turn_on" : "turn_off", target, on ? data : Map.of()));
                }
            }
        }
        return steps;
    }

    private Undo.Step step(String domain, String service, List<String> target, Map<String, Object> data) {
        return new Undo.Step(this, arguments(domain, service, target, data));
    }

    private List<Entity> entities(JsonNode arguments) {
        Home house = home.get();
        return ids(arguments).stream().map(house::entity).flatMap(Optional::stream).toList();
    }

    private static List<String> ids(JsonNode arguments) {
        JsonNode ids = arguments.path("entity_id");
        if (ids.isTextual()) {
            return List.of(ids.asText());
        }
        List<String> all = new ArrayList<>();
        ids.forEach(id -> all.add(id.asText()));
        return all;
    }

    private Map<String, Object> data(JsonNode arguments) {
        JsonNode data = arguments.path("data");
        return data.isObject() ? json.convertValue(data, DATA) : Map.of();
    }

    /** "turn off Bench light" as done: "Turned off Bench light". */
    private static String past(String action) {
        String[][] verbs = {{"turn on ", "Turned on "}, {"turn off ", "Turned off "}, {"toggle ", "Toggled "}, {"open ", "Opened "},
                {"close ", "Closed "}, {"stop ", "Stopped "}, {"set ", "Set "}, {"lock ", "Locked "}, {"unlock ", "Unlocked "}, {"run ", "Ran "}};
        for (String[] verb : verbs) {
            if (action.startsWith(verb[0])) {
                return verb[1] + action.substring(verb[0].length()) + ".";
            }
        }
        return "Called " + action + ".";
    }
}
