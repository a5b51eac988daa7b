package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jarvis.devices.home.Entity;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis devices}: every entity of the house (Home Assistant and MQTT discovery), with its name, area, state and source. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the devices' entities: id, name, area, state and source, from Home Assistant and MQTT discovery.")
final class DevicesCommand implements Callable<Integer> {

    @ParentCommand JarvisCommand root;
    @Option(names = "--area", paramLabel = "AREA", description = "Only this area (its name, any case).") String area;
    @Option(names = "--search", paramLabel = "TEXT", description = "Only entities whose id or name holds this text.") String search;
    @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;

    @Override
    public Integer call() throws Exception {
        ConnectedHome reached = ConnectedHome.of(root);
        if (!reached.connected()) {
            return reached.exitStatus();
        }
        List<Entity> shown = reached.home().entities().stream()
                .filter(entity -> area == null || area.equalsIgnoreCase(entity.area()))
                .filter(entity -> search == null || (entity.entityId() + " " + entity.name()).toLowerCase(Locale.ROOT)
                        .contains(search.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing((Entity entity) -> entity.area() == null ? "~" : entity.area()).thenComparing(Entity::entityId))
                .toList();
        PrintWriter out = root.out();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode list = mapper.createArrayNode();
            shown.forEach(entity -> list.addObject().put("entity_id", entity.entityId()).put("name", entity.name())
                    .put("area", entity.area()).put("state", entity.state()).put("available", entity.available())
                    .put("source", entity.source()));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        Table table = new Table("ENTITY", "NAME", "AREA", "STATE", "SOURCE");
        shown.forEach(entity -> table.row(entity.entityId(), entity.name(), entity.area() == null ? "" : entity.area(), entity.state(),
                entity.source()));
        table.print(out);
        out.println(shown.size() + " entit" + (shown.size() == 1 ? "y" : "ies") + ".");
        return 0;
    }
}
