package jarvis.devices.commands;

import jarvis.devices.commands.DeviceGrammar.Action;
import jarvis.devices.commands.DeviceGrammar.Command;
import jarvis.devices.homeassistant.Entity;
import jarvis.devices.homeassistant.HomeAssistant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Carries out a device command without a model: the grammar reads the sentence, the names find the devices, the
 * hazard policy decides whether a person must confirm, and Home Assistant is called; a question about a state is
 * answered from the live states, with no call at all. Every outcome says in words what was done, or why not.
 */
public final class DeviceCommands {

    /** Asks a person to confirm a hazardous action; false when they refuse or cannot be asked. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String action, String why);
    }

    /** What came of a sentence: whether it was a device command, whether it was done, and what to say. */
    public record Outcome(boolean command, boolean done, String said) {

        static Outcome notACommand() {
            return new Outcome(false, false, "");
        }
    }

    /** Longer than Home Assistant's own command timeout, so a slow call is not reported undone and then done. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final DeviceGrammar grammar;
    private final HomeAssistant home;
    private final HazardPolicy policy;

    public DeviceCommands(DeviceGrammar grammar, HomeAssistant home, HazardPolicy policy) {
        this.grammar = grammar;
        this.home = home;
        this.policy = policy;
    }

    /** Carries out {@code sentence} if it is a device command; a hazardous one only once {@code confirmation} says yes. */
    public Outcome carryOut(String sentence, Confirmation confirmation) {
        Optional<Command> parsed = grammar.match(sentence);
        if (parsed.isEmpty()) {
            return Outcome.notACommand();
        }
        Command command = parsed.get();
        if (command.action() == Action.TEMPERATURE_IN) {
            return temperature(command);
        }
        DeviceNames.Found found = DeviceNames.find(command.target(), home.entities(), domains(command.action()));
        return switch (found) {
            case DeviceNames.Nothing nothing -> new Outcome(true, false, "There is no '" + nothing.name() + "' that can do that"
                    + nothing.closest().map(name -> "; did you mean " + name + "?").orElse("."));
            case DeviceNames.Which which -> new Outcome(true, false, "Which one: " + which.candidates().stream()
                    .map(DeviceCommands::named).collect(Collectors.joining(", ", "", "?")));
            case DeviceNames.Devices devices -> act(command, devices.entities(), confirmation);
        };
    }

    private static String named(Entity entity) {
        return entity.name() + (entity.area() == null ? "" : " (" + entity.area() + ")");
    }

    private static Set<String> domains(Action action) {
        return switch (action) {
            case TURN_ON -> Set.of("light", "switch", "fan", "input_boolean", "scene", "script");
            case TURN_OFF, TOGGLE -> Set.of("light", "switch", "fan", "input_boolean");
            case SET_LEVEL -> Set.of("light", "fan", "cover");
            case SET_TEMPERATURE -> Set.of("climate");
            case OPEN, CLOSE -> Set.of("cover");
            case LOCK, UNLOCK -> Set.of("lock");
            case RUN_SCENE -> Set.of("scene", "script");
            case IS_ON -> Set.of();
            case TEMPERATURE_IN -> Set.of("sensor", "climate");
        };
    }

    private Outcome act(Command command, List<Entity> entities, Confirmation confirmation) {
        if (command.action() == Action.IS_ON) {
            return new Outcome(true, true, entities.stream().map(entity -> entity.name() + " is " + entity.state())
                    .collect(Collectors.joining("; ", "", ".")));
        }
        for (Entity entity : entities) {
            String why = policy.why(entity, command.action(), command.number());
            if (why != null && !confirmation.confirm(describe(command, entity), why)) {
                return new Outcome(true, false, "Not done: " + describe(command, entity) + " needs a person's confirmation, because " + why
                        + ", and it was not given.");
            }
        }
        Map<String, List<Entity>> byDomain = new LinkedHashMap<>();
        entities.forEach(entity -> byDomain.computeIfAbsent(entity.domain(), domain -> new ArrayList<>()).add(entity));
        Map<String, CompletableFuture<?>> calls = new LinkedHashMap<>();
        byDomain.forEach((domain, group) -> calls.put(domain, home.callService(domain, service(command.action(), domain),
                data(command, domain), group.stream().map(Entity::entityId).toList())));
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<?>> call : calls.entrySet()) {
            String names = byDomain.get(call.getKey()).stream().map(Entity::name).collect(Collectors.joining(", "));
            try {
                call.getValue().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                done.add(names);
            } catch (ExecutionException e) {
                failed.add(names + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                failed.add(names + ": Home Assistant did not answer within " + PATIENCE.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(names + ": stopped while waiting for Home Assistant");
            }
        }
        String said = (done.isEmpty() ? "" : past(command) + " " + String.join(", ", done) + ". ")
                + (failed.isEmpty() ? "" : "Not done for " + String.join("; ", failed) + ".");
        return new Outcome(true, failed.isEmpty(), said.strip());
    }

    /** The temperature in an area, from every thermometer and climate device in it, read from the live states. */
    private Outcome temperature(Command command) {
        List<Entity> inArea = home.entities().stream()
                .filter(entity -> entity.area() != null && DeviceNames.sameWords(entity.area(), command.target())).toList();
        List<String> readings = new ArrayList<>();
        for (Entity entity : inArea) {
            Object deviceClass = entity.attributes().get("device_class");
            if (entity.domain().equals("sensor") && "temperature".equals(String.valueOf(deviceClass)) && entity.available()) {
                Object unit = entity.attributes().getOrDefault("unit_of_measurement", "");
                readings.add(entity.state() + " " + unit + " (" + entity.name() + ")");
            } else if (entity.domain().equals("climate") && entity.attributes().get("current_temperature") != null) {
                readings.add(entity.attributes().get("current_temperature") + " °C (" + entity.name() + ")");
            }
        }
        return readings.isEmpty() ? new Outcome(true, false, "Nothing measures the temperature in " + command.target() + ".")
                : new Outcome(true, true, "In " + command.target() + ": " + String.join(", ", readings).strip() + ".");
    }

    private static String service(Action action, String domain) {
        return switch (action) {
            case TURN_ON -> "turn_on";
            case TURN_OFF -> "turn_off";
            case TOGGLE -> "toggle";
            case SET_LEVEL -> switch (domain) {
                case "fan" -> "set_percentage";
                case "cover" -> "set_cover_position";
                default -> "turn_on";
            };
            case SET_TEMPERATURE -> "set_temperature";
            case OPEN -> "open_cover";
            case CLOSE -> "close_cover";
            case LOCK -> "lock";
            case UNLOCK -> "unlock";
            case RUN_SCENE -> "turn_on";
            case IS_ON, TEMPERATURE_IN -> throw new IllegalArgumentException(action + " calls no service");
        };
    }

    private static Map<String, Object> data(Command command, String domain) {
        if (command.number() == null) {
            return Map.of();
        }
        return switch (command.action()) {
            case SET_LEVEL -> Map.of(switch (domain) {
                case "fan" -> "percentage";
                case "cover" -> "position";
                default -> "brightness_pct";
            }, command.number().intValue());
            case SET_TEMPERATURE -> Map.of("temperature", command.number());
            default -> Map.of();
        };
    }

    private static String describe(Command command, Entity entity) {
        return command.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + entity.name()
                + (command.number() == null ? "" : " to " + command.number());
    }

    private static String past(Command command) {
        return switch (command.action()) {
            case TURN_ON -> "Turned on";
            case TURN_OFF -> "Turned off";
            case TOGGLE -> "Toggled";
            case SET_LEVEL -> "Set to " + command.number().intValue() + " %:";
            case SET_TEMPERATURE -> "Set to " + command.number() + " °C:";
            case OPEN -> "Opened";
            case CLOSE -> "Closed";
            case LOCK -> "Locked";
            case UNLOCK -> "Unlocked";
            case RUN_SCENE -> "Ran";
            case IS_ON, TEMPERATURE_IN -> "";
        };
    }
}
