package jarvis.orchestrator.tools;

import jarvis.orchestrator.models.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tools every module contributes, and which of them a request is offered. */
public final class ToolRegistry {

    /** The tools offered for one request, with what the model should know for it. */
    public record Offer(List<Tool> tools, List<String> context) {

        public static final Offer NONE = new Offer(List.of(), List.of());

        public Offer {
            tools = List.copyOf(tools);
            context = List.copyOf(context);
        }

        public List<ToolSpec> specs() {
            return tools.stream().map(tool -> new ToolSpec(tool.name(), tool.description(), tool.parameters())).toList();
        }

        public Optional<Tool> find(String name) {
            return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
        }

        public boolean isEmpty() {
            return tools.isEmpty();
        }
    }

    private final List<ToolContributor> contributors = new CopyOnWriteArrayList<>();

    public void register(ToolContributor contributor) {
        contributors.add(contributor);
    }

    /** The tools relevant to {@code request}, from every contributor that says they are. */
    public Offer offerFor(String request) {
        List<Tool> tools = new ArrayList<>();
        List<String> context = new ArrayList<>();
        for (ToolContributor contributor : contributors) {
            if (contributor.relevantTo(request)) {
                tools.addAll(contributor.tools());
                contributor.context(request).ifPresent(context::add);
            }
        }
        return new Offer(tools, context);
    }
}
