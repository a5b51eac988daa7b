package jarvis.ui.settings;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.jobs.JobChanged;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.PullModelJob;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The models part of Settings: what Ollama has and can do, which one answers by default, pulling a new one as a
 * job with progress, and what the cloud has cost today and this month.
 */
public final class ModelsViewModel {

    private final OllamaLibrary library;
    private final SettingsService settings;
    private final CompletableFuture<JobEngine> jobs;
    private final CompletableFuture<RouteLog> routes;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<LocalModel> models = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty pullName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper pullStatus = new ReadOnlyStringWrapper("");
    private final DoubleProperty pullProgress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper spend = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper pullFailed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Boolean> reachable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper listings = new ReadOnlyIntegerWrapper();
    private volatile String pullJob;

    public ModelsViewModel(OllamaLibrary library, SettingsService settings, CompletableFuture<JobEngine> jobs,
                           CompletableFuture<RouteLog> routes, Executor background, Executor ui) {
        this.library = library;
        this.settings = settings;
        this.jobs = jobs;
        this.routes = routes;
        this.background = background;
        this.ui = ui;
    }

    /** Follows the pull job's progress; returns the subscription to end when the view goes. */
    public Subscription attach(EventBus bus) {
        return bus.subscribe(JobChanged.class, change -> {
            JobRecord job = change.job();
            if (!job.id().equals(pullJob)) {
                return;
            }
            ui.execute(() -> {
                pullProgress.set(job.progress());
                boolean failed = job.state() == JobState.FAILED;
                pullFailed.set(failed);
                String said = job.message() == null ? "" : job.message();
                pullStatus.set(failed ? "The pull failed: " + said : said);
            });
            if (job.state() == JobState.SUCCEEDED) {
                refreshModels();
            }
        });
    }

    /** Lists the models again and reads the cloud spend. */
    public void refresh() {
        refreshModels();
        routes.thenAcceptAsync(log -> {
            RouteLog.Spend spent = log.spend(Clock.systemDefaultZone(), ZoneId.systemDefault());
            String text = String.format(Locale.ROOT, "Cloud spend: $%s today of a $%.2f budget; $%s this month of $%.2f.",
                    spent.today().setScale(2, RoundingMode.HALF_UP).toPlainString(), settings.get(SettingsSchema.BUDGET_DAILY),
                    spent.thisMonth().setScale(2, RoundingMode.HALF_UP).toPlainString(), settings.get(SettingsSchema.BUDGET_MONTHLY));
            ui.execute(() -> spend.set(text));
        }, background);
    }

    /** Asks Ollama for its models; {@link #reachable()} says whether it answered. */
    public void refreshModels() {
        try {
            background.execute(this::listModels);
        } catch (RejectedExecutionException e) {
            // Jarvis is stopping: there is nobody to show the models to.
        }
    }

    private void listModels() {
        try {
            List<LocalModel> found = library.models();
            ui.execute(() -> {
                if (!models.equals(found)) {
                    models.setAll(found);
                }
                reachable.set(true);
                message.set(found.isEmpty() ? "Ollama has no models yet: pull one below." : "");
                listings.set(listings.get() + 1);
            });
        } catch (RuntimeException e) {
            ui.execute(() -> {
                models.clear();
                reachable.set(false);
                message.set(e.getMessage());
                listings.set(listings.get() + 1);
            });
        }
    }

    /** Whether Ollama has {@code name} (with or without the ":latest" it adds). */
    public boolean has(String name) {
        return models.stream().anyMatch(local -> local.name().equals(name) || shortName(local.name()).equals(name));
    }

    public boolean isDefault(LocalModel model) {
        String chosen = settings.get(SettingsSchema.OLLAMA_MODEL);
        return model.name().equals(chosen) || model.name().equals(chosen + ":latest");
    }

    /** The name a person writes for a model: Ollama's ":latest" is what it means anyway, so it is left off. */
    public static String shortName(String name) {
        return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
    }

    public void useAsDefault(LocalModel model) {
        String name = shortName(model.name());
        background.execute(() -> {
            try {
                settings.set(SettingsSchema.OLLAMA_MODEL.name(), name);
                ui.execute(() -> message.set(name + " now answers first."));
                refresh();
            } catch (InvalidSettingException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    public void pull() {
        String name = pullName.get() == null ? "" : pullName.get().strip();
        if (name.isEmpty()) {
            pullStatus.set("Write the name of a model first, such as llama3.2 or qwen3:8b.");
            return;
        }
        pullProgress.set(0);
        pullFailed.set(false);
        pullStatus.set("Starting…");
        jobs.thenAcceptAsync(engine -> pullJob = engine.submit(PullModelJob.TYPE, "Pull " + name, name).id(), background);
    }

    public ObservableList<LocalModel> models() { return models; }
    public ReadOnlyStringProperty message() { return message.getReadOnlyProperty(); }
    public StringProperty pullName() { return pullName; }
    public ReadOnlyStringProperty pullStatus() { return pullStatus.getReadOnlyProperty(); }
    public DoubleProperty pullProgress() { return pullProgress; }
    public ReadOnlyStringProperty spend() { return spend.getReadOnlyProperty(); }
    /** Counts the listings: what depends on the models and on the settings read with them follows it. */
    public ReadOnlyIntegerProperty listings() { return listings.getReadOnlyProperty(); }
    /** Whether Ollama answered the last listing; null before the first. */
    public ReadOnlyObjectProperty<Boolean> reachable() { return reachable.getReadOnlyProperty(); }
    /** Whether the last pull failed; its status then says why. */
    public ReadOnlyBooleanProperty pullFailed() { return pullFailed.getReadOnlyProperty(); }
}
