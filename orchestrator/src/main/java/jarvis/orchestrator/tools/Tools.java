package jarvis.orchestrator.tools;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a turn may use besides a model: the tools modules contribute, their commands, and the runner that carries out both. */
public final class Tools {

    private final ToolRegistry registry;
    private final ToolRunner runner;
    private final List<CommandHandler> commands = new CopyOnWriteArrayList<>();

    public Tools(ToolRegistry registry, ToolRunner runner) {
        this.registry = registry;
        this.runner = runner;
    }

    public ToolRegistry registry() {
        return registry;
    }

    public ToolRunner runner() {
        return runner;
    }

    public void register(ToolContributor contributor) {
        registry.register(contributor);
    }

    public void register(CommandHandler handler) {
        commands.add(handler);
    }

    /** The module command that {@code text} is, if any. */
    public Optional<CommandHandler> commandFor(String text) {
        return commands.stream().filter(handler -> handler.matches(text)).findFirst();
    }
}
