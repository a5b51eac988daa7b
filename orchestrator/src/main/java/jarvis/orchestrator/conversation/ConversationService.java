package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.tools.Tools;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The conversation's front door, the same for the window and the command line: a message is stored before any
 * model is called, goes through the router, and its reply is stored as it grows.
 */
public final class ConversationService {

    private final ConversationStore store;
    private final RouteLog routes;
    private final RouterFeedback feedback;
    private final Models models;
    private final Supplier<Settings> settings;
    private final EventBus bus;
    private final Executor turns;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Tools tools;

    /** A conversation with no tools and no module commands. */
    public ConversationService(ConversationStore store, RouteLog routes, RouterFeedback feedback, Models models, Supplier<Settings> settings,
                               EventBus bus, Executor turns, ScheduledExecutorService timer, Clock clock) {
        this(store, routes, feedback, models, settings, bus, turns, timer, clock, null);
    }

    /** {@code tools}: what modules contribute for models to call, and their commands that need no model. */
    public ConversationService(ConversationStore store, RouteLog routes, RouterFeedback feedback, Models models, Supplier<Settings> settings,
                               EventBus bus, Executor turns, ScheduledExecutorService timer, Clock clock, Tools tools) {
        this.store = store;
        this.routes = routes;
        this.feedback = feedback;
        this.models = models;
        this.settings = settings;
        this.bus = bus;
        this.turns = turns;
        this.timer = timer;
        this.clock = clock;
        this.tools = tools;
    }

    /**
     * Sends a message. An empty one is refused at once ({@link IllegalArgumentException}); everything else becomes a
     * turn whose outcome, including a failure in words, arrives through the listener and the result.
     */
    public Turn send(TurnRequest request, TurnListener listener) {
        if (request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("An empty message is not sent.");
        }
        TurnRunner runner = new TurnRunner(request, listener, store, routes, feedback, models, settings.get(), bus, timer, turns, clock, tools);
        turns.execute(runner::run);
        return runner;
    }

    /**
     * How many seconds the local model has to begin before the cloud model takes over, or empty when the cloud model
     * would not (none configured or no key, offline mode, a private conversation, or no time limit). The budget is
     * not consulted: it is checked when the time comes.
     */
    public OptionalLong cloudTakeover(boolean privateConversation) {
        long timeout = settings.get().get(SettingsSchema.ROUTER_FIRST_TOKEN);
        return !privateConversation && timeout > 0 && cloudConfigured() ? OptionalLong.of(timeout) : OptionalLong.empty();
    }

    /** Whether a cloud model could be asked at all: one is chosen, its key is set, and offline mode is off. */
    public boolean cloudConfigured() {
        return !settings.get().get(SettingsSchema.OFFLINE) && models.cloud().isPresent() && models.cloudKeyPresent();
    }

    /** The tools and module commands turns use; empty when there are none. */
    public Optional<Tools> tools() {
        return Optional.ofNullable(tools);
    }

    public ConversationStore store() {
        return store;
    }

    public RouteLog routes() {
        return routes;
    }

    /** What the router learns from the person's verdicts on local answers. */
    public RouterFeedback feedback() {
        return feedback;
    }

    /**
     * The person's verdict on the reply of {@code routeId}: thumbs up or down, or implied by asking the cloud or
     * regenerating after it. It teaches the router only when that reply is a local answer that was scored; the
     * answer says whether it did.
     */
    public boolean rate(String routeId, boolean satisfied, RouterFeedback.Source source) {
        return routeId != null && feedback.label(routeId, satisfied, source);
    }
}
