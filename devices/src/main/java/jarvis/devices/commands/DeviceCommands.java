package jarvis.devices.commands;

import jarvis.devices.commands.DeviceGrammar.Action;
import jarvis.devices.commands.DeviceGrammar.Command;
import jarvis.devices.home.Entity;
import jarvis.devices.home.Home;
import jarvis.devices.tools.ServiceCallTool;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Carries out a device command without a model: the grammar reads the sentence, the names find the devices, and the
 * house's service-call tool is run through the {@link ToolRunner}, so the hazard policy, the confirmation, the audit
 * log and Undo are the same as for a model's call; a question about a state is answered from the live states, with no
 * call at all. Every outcome says in words what was done, or why not.
 */
public final class DeviceCommands implements CommandHandler {

    private final DeviceGrammar grammar;
    private final Supplier<Home> home;
    private final ServiceCallTool serviceCalls;

    /** {@code home} is asked for only when a command is carried out. */
    public DeviceCommands(DeviceGrammar grammar, Supplier<Home> home, ServiceCallTool serviceCalls) {
        this.grammar = grammar;
        this.home = home;
        this.serviceCalls = serviceCalls;
    }

    /**
     * Whether {@code text} is a device command about this house: the grammar reads it and what it names is a device,
     * a group or an area here. "What is the temperature in Paris" or "set the timer to 5" are not, and go to a model.
     */
    @Override
    public boolean matches(String text) {
        Optional<Command> command = grammar.match(text);
        if (command.isEmpty() || home.get().configured().isEmpty()) {
            return false;
        }
        if (command.get().action() == Action.TEMPERATURE_IN) {
            return home.get().entities().stream().anyMatch(entity -> entity.area() != null && DeviceNames.sameWords(entity.area(),
                    command.get().target()));
        }
        return !(DeviceNames.find(command.get().target(), home.get().entities(), domains(command.get().action())) instanceof DeviceNames.Nothing);
    }

    /** Whether the grammar reads {@code text} as a device command at all, whatever it names (the command line says what it lacks). */
    public boolean understands(String text) {
        return grammar.match(text).isPresent();
    }

    /** Carries out {@code sentence}, a device command ({@link #matches}); a hazardous one only once a person confirms. */
    @Override
    public Handled carryOut(String sentence, ToolRunner runner, ToolRunner.Asker asker) {
        Command command = grammar.match(sentence).orElseThrow(() -> new IllegalArgumentException("Not a device command: " + sentence));
        if (command.action() == Action.TEMPERATURE_IN) {
            return temperature(command);
        }
        DeviceNames.Found found = DeviceNames.find(command.target(), home.get().entities(), domains(command.action()));
        return switch (found) {
            case DeviceNames.Nothing nothing -> notDone("There is no '" + nothing.name() + "' that can do that"
                    + nothing.closest().map(name -> "; did you mean " + name + "?").orElse("."));
            case DeviceNames.Which which -> notDone("Which one: " + which.candidates().stream()
                    .map(DeviceCommands::named).collect(Collectors.joining(", ", "", "?")));
            case DeviceNames.Devices devices -> act(command, devices.entities(), runner, asker);
        };
    }

    private static Handled answered(String answer) {
        return new Handled(answer, List.of(), true);
    }

    private static Handled notDone(String answer) {
        return new Handled(answer, List.of(), false);
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

    private Handled act(Command command, List<Entity> entities, ToolRunner runner, ToolRunner.Asker asker) {
        if (command.action() == Action.IS_ON) {
            return answered(entities.stream().map(entity -> entity.name() + " is " + entity.state() + stale(entity))
                    .collect(Collectors.joining("; ", "", ".")));
        }
        Map<String, List<Entity>> byDomain = new LinkedHashMap<>();
        entities.forEach(entity -> byDomain.computeIfAbsent(entity.domain(), domain -> new ArrayList<>()).add(entity));
        List<ToolRunner.Card> cards = new ArrayList<>();
        byDomain.forEach((domain, group) -> cards.add(runner.run(serviceCalls, serviceCalls.arguments(domain, service(command.action(), domain),
                group.stream().map(Entity::entityId).toList(), data(command, domain)), asker).card()));
        return new Handled(cards.stream().map(ToolRunner.Card::summary).collect(Collectors.joining(" ")), cards,
                cards.stream().allMatch(card -> card.status() == ToolRunner.Status.DONE));
    }

    /** A state read from a source that is not connected is said to be the last known one. */
    private String stale(Entity entity) {
        return home.get().current(entity) ? ""
                : " (last known at " + entity.lastChanged() + "; " + entity.source() + " is not connected)";
    }

    /** The temperature in an area, from every thermometer and climate device in it, read from the live states. */
    private Handled temperature(Command command) {
        List<Entity> inArea = home.get().entities().stream()
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
        return readings.isEmpty() ? notDone("Nothing measures the temperature in " + command.target() + ".")
                : answered("In " + command.target() + ": " + String.join(", ", readings).strip() + ".");
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
}
