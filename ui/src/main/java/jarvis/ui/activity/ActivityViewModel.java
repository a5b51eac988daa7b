package jarvis.ui.activity;

import jarvis.orchestrator.events.Event;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.jobs.JobChanged;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.tools.ActionTaken;
import jarvis.orchestrator.tools.AuditEntry;
import jarvis.orchestrator.tools.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Activity: the live list of events and of jobs, newest first, filtered by text (which matches correlation ids
 * too) and topic. Arrivals are batched: however fast events come, one hand-over to the UI is queued at a time.
 */
public final class ActivityViewModel {

    public static final String ALL_TOPICS = "all";
    static final int MAX_EVENTS = 1000;

    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final FilteredList<Event> visibleEvents = new FilteredList<>(events);
    private final ObservableList<JobRecord> jobs = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> actions = FXCollections.observableArrayList();
    private final FilteredList<JobRecord> visibleJobs = new FilteredList<>(jobs);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty topic = new SimpleStringProperty(ALL_TOPICS);
    private final ObservableList<String> topics = FXCollections.observableArrayList(ALL_TOPICS);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final CompletableFuture<JobEngine> engine;
    private final Executor background;
    private final Executor ui;
    private final List<Event> pendingEvents = new ArrayList<>();
    private final Map<String, JobRecord> pendingJobs = new LinkedHashMap<>();
    private boolean flushQueued;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** For a job that retries an earlier one: the tries the earlier ones took, so its row counts them all. */
    private final Map<String, Integer> earlierTries = new HashMap<>();
    /** Jobs retried by a job that has a row, with that row's job: where their tries are counted. */
    private final Map<String, String> rowOf = new HashMap<>();

    public ActivityViewModel(CompletableFuture<JobEngine> engine, Executor background, Executor ui) {
        this.engine = engine;
        this.background = background;
        this.ui = ui;
        filter.addListener((obs, old, value) -> applyFilter());
        topic.addListener((obs, old, value) -> applyFilter());
    }

    /** Starts receiving events and loads the stored jobs once the job engine is ready. */
    public void attach(EventBus bus, List<Event> recent) {
        ui.execute(() -> recent.forEach(this::addEvent));
        subscriptions.add(bus.subscribe(Event.class, this::queueEvent));
        subscriptions.add(bus.subscribe(JobChanged.class, change -> queueJob(change.job())));
        engine.thenAcceptAsync(jobs -> {
            List<JobRecord> stored = jobs.newest(200);
            ui.execute(() -> stored.forEach(this::upsertJobAtEnd));
        }, background).exceptionally(failure -> {
            ui.execute(() -> message.set("Jobs cannot be shown: " + failure.getMessage()));
            return null;
        });
    }

    /**
     * Shows the audit log's last day once it can be read, and reads it again after each action (a device command, a
     * model's tool call, a click), so what was done, refused or confirmed is always in view.
     */
    public void showActions(EventBus bus, CompletableFuture<AuditLog> audit) {
        Runnable reload = () -> audit.thenAcceptAsync(log -> {
            List<AuditEntry> recent = log.since(Instant.now().minus(Duration.ofDays(1)));
            ui.execute(() -> actions.setAll(recent));
        }, background).exceptionally(failure -> {
            ui.execute(() -> message.set("Actions cannot be shown: " + failure.getMessage()));
            return null;
        });
        reload.run();
        subscriptions.add(bus.subscribe(ActionTaken.class, action -> reload.run()));
    }

    public void detach() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    private synchronized void queueEvent(Event event) {
        pendingEvents.add(event);
        scheduleFlush();
    }

    private synchronized void queueJob(JobRecord job) {
        pendingJobs.put(job.id(), job);
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (!flushQueued) {
            flushQueued = true;
            ui.execute(this::flush);
        }
    }

    private void flush() {
        List<Event> newEvents;
        List<JobRecord> newJobs;
        synchronized (this) {
            newEvents = new ArrayList<>(pendingEvents);
            newJobs = new ArrayList<>(pendingJobs.values());
            pendingEvents.clear();
            pendingJobs.clear();
            flushQueued = false;
        }
        newEvents.forEach(this::addEvent);
        newJobs.forEach(this::upsertJob);
    }

    private void addEvent(Event event) {
        events.addFirst(event);
        if (events.size() > MAX_EVENTS) {
            events.remove(MAX_EVENTS, events.size());
        }
        if (!topics.contains(event.topic())) {
            topics.add(event.topic());
        }
    }

    /** A job's row is updated in place; a retry takes the row of the job it retries, so one piece of work keeps one row. */
    private void upsertJob(JobRecord job) {
        for (int i = 0; i < jobs.size(); i++) {
            JobRecord shown = jobs.get(i);
            if (shown.id().equals(job.id())) {
                if (!shown.updatedAt().isAfter(job.updatedAt())) {
                    jobs.set(i, job);
                }
                return;
            }
            if (job.retryOf().filter(shown.id()::equals).isPresent()) {
                earlierTries.put(job.id(), tries(shown));
                jobs.set(i, job);
                return;
            }
        }
        jobs.addFirst(job);
    }

    /**
     * Stored jobs arrive newest first: one that a later retry took over (directly or through other retries) adds its
     * tries to that retry's row instead of taking a row of its own.
     */
    private void upsertJobAtEnd(JobRecord job) {
        if (jobs.stream().anyMatch(existing -> existing.id().equals(job.id()))) {
            job.retryOf().ifPresent(earlier -> rowOf.putIfAbsent(earlier, job.id()));
            return;
        }
        String row = rowOf.get(job.id());
        if (row == null) {
            jobs.add(job);
            job.retryOf().ifPresent(earlier -> rowOf.put(earlier, job.id()));
            return;
        }
        earlierTries.merge(row, job.attempts(), Integer::sum);
        job.retryOf().ifPresent(earlier -> rowOf.put(earlier, row));
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(row)) {
                jobs.set(i, jobs.get(i));
            }
        }
    }

    /** How many times this piece of work has been tried, counting the jobs it retried. */
    public int tries(JobRecord job) {
        return earlierTries.getOrDefault(job.id(), 0) + job.attempts();
    }

    private void applyFilter() {
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        String wantedTopic = topic.get() == null ? ALL_TOPICS : topic.get();
        Predicate<Event> eventMatches = event -> (wantedTopic.equals(ALL_TOPICS) || wantedTopic.equals(event.topic()))
                && (text.isEmpty() || event.summary().toLowerCase(Locale.ROOT).contains(text)
                || event.correlationId().value().contains(text));
        visibleEvents.setPredicate(eventMatches);
        visibleJobs.setPredicate(job -> (wantedTopic.equals(ALL_TOPICS) || wantedTopic.equals("jobs"))
                && (text.isEmpty() || job.title().toLowerCase(Locale.ROOT).contains(text)
                || job.correlationId().value().contains(text)
                || job.state().name().toLowerCase(Locale.ROOT).contains(text)));
    }

    public void cancel(JobRecord job) {
        engine.thenAcceptAsync(jobs -> {
            if (!jobs.cancel(job.id())) {
                ui.execute(() -> message.set("'" + job.title() + "' is not running any more."));
            }
        }, background);
    }

    public void retry(JobRecord job) {
        engine.thenAcceptAsync(jobs -> {
            try {
                jobs.retry(job.id());
            } catch (RuntimeException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        }, background);
    }

    /** Starts a job by type; used by the area's own buttons (verify artifacts). */
    public void start(String type, String title) {
        engine.thenAcceptAsync(jobs -> jobs.submit(type, title, ""), background);
    }

    public ObservableList<Event> events() { return visibleEvents; }
    public ObservableList<JobRecord> jobs() { return visibleJobs; }
    /** The audit log's last day, newest first. */
    public ObservableList<AuditEntry> actions() { return actions; }
    public StringProperty filter() { return filter; }
    public StringProperty topic() { return topic; }
    public ObservableList<String> topics() { return topics; }
    public ReadOnlyStringProperty message() { return message.getReadOnlyProperty(); }
}
