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
import javafx.beans.property.DoubleProperty;
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
                pullStatus.set(job.message() == null ? "" : job.message());
            });
            if (job.state() == JobState.SUCCEEDED) {
                refresh();
            }
        });
    }

    public void refresh() {
        background.execute(() -> {
            try {
                List<LocalModel> found = library.models();
                ui.execute(() -> {
                    models.setAll(found);
                    message.set(found.isEmpty() ? "Ollama has no models yet: pull one below." : "");
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    models.clear();
                    message.set(e.getMessage());
                });
            }
        });
        routes.thenAcceptAsync(log -> {
            RouteLog.Spend spent = log.spend(Clock.systemDefaultZone(), ZoneId.systemDefault());
            String text = String.format(Locale.ROOT, "Cloud spend: $%s today of a $%.2f budget; $%s this month of $%.2f.",
                    spent.today().setScale(2, RoundingMode.HALF_UP).toPlainString(), settings.get(SettingsSchema.BUDGET_DAILY),
                    spent.thisMonth().setScale(2, RoundingMode.HALF_UP).toPlainString(), settings.get(SettingsSchema.BUDGET_MONTHLY));
            ui.execute(() -> spend.set(text));
        }, background);
    }

    public boolean isDefault(LocalModel model) {
        String chosen = settings.get(SettingsSchema.OLLAMA_MODEL);
        return model.name().equals(chosen) || model.name().equals(chosen + ":latest");
    }

    public void useAsDefault(LocalModel model) {
        background.execute(() -> {
            try {
                settings.set(SettingsSchema.OLLAMA_MODEL.name(), model.name());
                ui.execute(() -> message.set(model.name() + " now answers first."));
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
        pullStatus.set("Starting…");
        jobs.thenAcceptAsync(engine -> pullJob = engine.submit(PullModelJob.TYPE, "Pull " + name, name).id(), background);
    }

    public ObservableList<LocalModel> models() { return models; }
    public ReadOnlyStringProperty message() { return message.getReadOnlyProperty(); }
    public StringProperty pullName() { return pullName; }
    public ReadOnlyStringProperty pullStatus() { return pullStatus.getReadOnlyProperty(); }
    public DoubleProperty pullProgress() { return pullProgress; }
    public ReadOnlyStringProperty spend() { return spend.getReadOnlyProperty(); }
}
