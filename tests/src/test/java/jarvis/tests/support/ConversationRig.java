package jarvis.tests.support;

import jarvis.orchestrator.conversation.ConfiguredModels;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.secrets.EncryptedFileSecretStore;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.SettingsFile;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import jarvis.orchestrator.tools.Tools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** The conversation service built as the app builds it, on a fresh database in a test's folder. */
public final class ConversationRig implements AutoCloseable {

    public final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** As the app runs them: turns and model streams on platform threads of their own. */
    public final ExecutorService turns = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("jarvis-turn-", 0).factory());
    public final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    public final EventBus bus = new EventBus(threads);
    public final Database database;
    public final SettingsService settings;
    public final Secrets secrets;
    public final ConfiguredModels models;
    public final ConversationStore store;
    public final ConversationService service;

    public ConversationRig(Path home, Map<String, String> environment) {
        this(home, environment, database -> null);
    }

    /** With the tools and module commands {@code tools} makes on the rig's database (null for none). */
    public ConversationRig(Path home, Map<String, String> environment, Function<Database, Tools> tools) {
        database = TestDatabases.fresh(home);
        settings = new SettingsService(new SettingsFile(home.resolve("settings.json")), environment, bus);
        secrets = new Secrets(new EncryptedFileSecretStore(home.resolve("secrets.enc"), home.resolve("secrets.key")), environment, bus);
        models = new ConfiguredModels(settings::current, secrets, turns);
        store = new ConversationStore(database, Clock.systemUTC());
        RouteLog routes = new RouteLog(database);
        service = new ConversationService(store, routes, new RouterFeedback(database, routes, Clock.systemUTC()), models, settings::current,
                bus, turns, timer, Clock.systemUTC(), tools.apply(database));
    }

    @Override
    public void close() {
        threads.shutdownNow();
        turns.shutdownNow();
        timer.shutdownNow();
        database.close();
    }
}
