package jarvis.ui.home;

import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.Home;
import jarvis.devices.home.SensorHistory;
import jarvis.devices.tools.ServiceCallTool;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolRunner;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Home area's state: every entity of the house grouped by area and then domain, favourites first, filtered by
 * words and domain, live. Changes arrive on the sources' threads and are gathered; the UI thread takes them all at
 * once, at most once a frame, so a burst of thousands never queues thousands of updates. An entity whose source is
 * down is shown stale, with the time of its last update. Every click goes through the same runner as a model's
 * call: a hazardous one waits for the person's confirmation, and each is in the audit log.
 */
public final class HomeViewModel {

    /** Shown for entities with no area. */
    static final String NO_AREA = "No area";
    static final String ALL_DOMAINS = "All kinds";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Home home;
    private final ToolRunner runner;
    private final ServiceCallTool serviceCalls;
    private final SensorHistory history;
    private final Executor background;
    private final Executor ui;
    private final Executor frame;
    private final Consumer<Set<String>> saveFavourites;
    private final Consumer<Set<String>> saveMarked;

    private final ObservableList<HomeRow> rows = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> domain = new SimpleObjectProperty<>(ALL_DOMAINS);
    private final ObservableList<String> domains = FXCollections.observableArrayList(ALL_DOMAINS);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sources = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Optional<ToolRunner.Card>> undoable = new SimpleObjectProperty<>(Optional.empty());

    /** Changes waiting for the UI thread: the newest state per entity, or empty for removed. */
    private final Map<String, Optional<Entity>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean applyScheduled = new AtomicBoolean();
    private final AtomicBoolean connectionsChanged = new AtomicBoolean();
    /** Only on the UI thread: what is shown, and where each entity's row is. */
    private final Map<String, Entity> known = new HashMap<>();
    /** Each entity's line, kept across regroupings so the cells that show them stay bound. */
    private final Map<String, HomeRow.Item> lines = new HashMap<>();
    private Map<String, Connection> connections = Map.of();
    private final Set<String> favourites = new LinkedHashSet<>();
    private final Set<String> marked = new LinkedHashSet<>();

    /**
     * What the person chose, kept in the settings: the favourites pinned on top and the entities marked hazardous
     * (safety.hazardousEntities), with how to save each.
     */
    public record Choices(Set<String> favourites, Consumer<Set<String>> saveFavourites, Set<String> marked,
                          Consumer<Set<String>> saveMarked) {}
    /** Sensors' readings as last read, by entity: a sparkline is drawn from here, the database read again after a minute. */
    private final Map<String, Sparkline> sparklines = new HashMap<>();

    private record Sparkline(Instant read, List<SensorHistory.Reading> readings) {}

    private static final Duration SPARKLINE_SPAN = Duration.ofHours(6);
    private static final Duration SPARKLINE_AGE = Duration.ofMinutes(1);
    private final DeviceSource.Listener listener = new DeviceSource.Listener() {
        @Override
        public void changed(Entity entity) {
            pending.put(entity.entityId(), Optional.of(entity));
            scheduleApply();
        }

        @Override
        public void removed(String entityId) {
            pending.put(entityId, Optional.empty());
            scheduleApply();
        }

        @Override
        public void connection(Connection connection) {
            connectionsChanged.set(true);
            scheduleApply();
        }
    };

    /**
     * @param ui    the UI thread, for answers to clicks
     * @param frame the UI thread at its next frame, where the house's changes are taken, all at once (see {@code NextFrame})
     */
    public HomeViewModel(Home home, ToolRunner runner, ServiceCallTool serviceCalls, SensorHistory history, Choices choices,
                         Executor background, Executor ui, Executor frame) {
        this.home = home;
        this.runner = runner;
        this.serviceCalls = serviceCalls;
        this.history = history;
        this.background = background;
        this.ui = ui;
        this.frame = frame;
        this.saveFavourites = choices.saveFavourites();
        this.saveMarked = choices.saveMarked();
        this.favourites.addAll(choices.favourites());
        this.marked.addAll(choices.marked());
        search.addListener((observable, before, now) -> rebuild());
        domain.addListener((observable, before, now) -> rebuild());
    }

    /** Starts following the house: everything known now, then every change. */
    public void attach() {
        home.addListener(listener);
        home.entities().forEach(entity -> pending.put(entity.entityId(), Optional.of(entity)));
        connectionsChanged.set(true);
        scheduleApply();
    }

    public void detach() {
        home.removeListener(listener);
    }

    private void scheduleApply() {
        if (applyScheduled.compareAndSet(false, true)) {
            frame.execute(this::applyPending);
        }
    }

    /** On the UI thread: takes every gathered change; rows are replaced in place unless the grouping changes. */
    private void applyPending() {
        applyScheduled.set(false);
        boolean regroup = false;
        boolean restale = false;
        if (connectionsChanged.getAndSet(false)) {
            connections = home.connections();
            sources.set(describe(connections));
            restale = true;
        }
        List<Entity> changedInPlace = new ArrayList<>();
        for (String entityId : List.copyOf(pending.keySet())) {
            Optional<Entity> change = pending.remove(entityId);
            if (change == null) {
                continue;
            }
            if (change.isEmpty()) {
                regroup |= known.remove(entityId) != null;
                lines.remove(entityId);
                continue;
            }
            Entity now = change.get();
            Entity before = known.put(entityId, now);
            if (before == null || !areaOf(before).equals(areaOf(now)) || !before.name().equals(now.name())) {
                regroup = true;
            } else {
                changedInPlace.add(now);
            }
        }
        if (regroup) {
            rebuild();
            return;
        }
        // A source came or went: every line says again whether it is stale, in place; the list itself does not change.
        if (restale) {
            known.values().forEach(entity -> {
                HomeRow.Item line = lines.get(entity.entityId());
                if (line != null) {
                    line.show(shown(entity));
                }
            });
        }
        // The list does not change: each line shows its entity's new state, redrawing only a cell that shows it.
        for (Entity entity : changedInPlace) {
            HomeRow.Item line = lines.get(entity.entityId());
            if (line != null) {
                line.show(shown(entity));
            }
        }
    }

    /** "Home Assistant: connected · MQTT: down since 08:12", for the sources that are set up. */
    private static String describe(Map<String, Connection> connections) {
        return connections.entrySet().stream()
                .filter(entry -> entry.getValue().status() != Connection.Status.NOT_CONFIGURED)
                .map(entry -> entry.getKey() + ": " + switch (entry.getValue().status()) {
                    case CONNECTED -> "connected";
                    case CONNECTING -> "connecting…";
                    case REFUSED -> "login refused";
                    default -> "down since " + CLOCK.format(entry.getValue().since());
                }).collect(Collectors.joining(" · "));
    }

    /** Lays out every row again: favourites, then areas in order, domains within them, entities by name. */
    private void rebuild() {
        String words = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        String kind = domain.get();
        List<Entity> shown = known.values().stream()
                .filter(entity -> ALL_DOMAINS.equals(kind) || entity.domain().equals(kind))
                .filter(entity -> words.isEmpty() || (entity.name() + " " + entity.entityId() + " " + areaOf(entity))
                        .toLowerCase(Locale.ROOT).contains(words))
                .sorted(Comparator.comparing(HomeViewModel::areaOf, Comparator.comparing((String area) -> area.equals(NO_AREA))
                                .thenComparing(String.CASE_INSENSITIVE_ORDER))
                        .thenComparing(Entity::domain).thenComparing(Entity::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        List<HomeRow> laidOut = new ArrayList<>();
        List<Entity> pinned = shown.stream().filter(entity -> favourites.contains(entity.entityId())).toList();
        if (!pinned.isEmpty()) {
            laidOut.add(new HomeRow.Heading("Favourites", null));
            pinned.forEach(entity -> laidOut.add(item(entity)));
        }
        String area = null;
        String currentDomain = null;
        for (Entity entity : shown) {
            if (favourites.contains(entity.entityId())) {
                continue;
            }
            if (!areaOf(entity).equals(area)) {
                area = areaOf(entity);
                currentDomain = null;
                laidOut.add(new HomeRow.Heading(area, null));
            }
            if (!entity.domain().equals(currentDomain)) {
                currentDomain = entity.domain();
                laidOut.add(new HomeRow.Heading(area, currentDomain));
            }
            laidOut.add(item(entity));
        }
        rows.setAll(laidOut);
        List<String> kinds = new ArrayList<>(List.of(ALL_DOMAINS));
        known.values().stream().map(Entity::domain).distinct().sorted().forEach(kinds::add);
        if (!kinds.equals(domains)) {
            domains.setAll(kinds);
        }
    }

    /** The entity's line, showing it as it is now. */
    private HomeRow.Item item(Entity entity) {
        HomeRow.Shown now = shown(entity);
        HomeRow.Item line = lines.get(entity.entityId());
        if (line == null) {
            line = new HomeRow.Item(now);
            lines.put(entity.entityId(), line);
        } else {
            line.show(now);
        }
        return line;
    }

    private HomeRow.Shown shown(Entity entity) {
        Connection connection = connections.get(entity.source());
        boolean stale = connection != null && !connection.connected();
        return new HomeRow.Shown(entity, stale, stale ? entity.lastChanged() : null, favourites.contains(entity.entityId()),
                marked.contains(entity.entityId()));
    }

    static String areaOf(Entity entity) {
        return entity.area() == null || entity.area().isBlank() ? NO_AREA : entity.area();
    }

    public void toggleFavourite(String entityId) {
        if (!favourites.remove(entityId)) {
            favourites.add(entityId);
        }
        saveFavourites.accept(Set.copyOf(favourites));
        rebuild();
    }

    /** Marks an entity hazardous, or no longer: a marked one waits for a confirmation whoever acts on it. */
    public void toggleMarked(String entityId) {
        if (!marked.remove(entityId)) {
            marked.add(entityId);
        }
        saveMarked.accept(Set.copyOf(marked));
        HomeRow.Item line = lines.get(entityId);
        Entity entity = known.get(entityId);
        if (line != null && entity != null) {
            line.show(shown(entity));
        }
    }

    /**
     * Calls a service on an entity as a click does: off the UI thread, through the runner, the outcome in the status
     * line. The card comes back on the UI thread, so a control can go back to the state when the action was not done.
     */
    public CompletableFuture<ToolRunner.Card> act(Entity entity, String service, Map<String, Object> data) {
        var arguments = serviceCalls.arguments(entity.domain(), service, List.of(entity.entityId()), data);
        status.set("Sending: " + serviceCalls.describe(arguments) + "…");
        CompletableFuture<ToolRunner.Card> outcome = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> runner.run(serviceCalls, arguments,
                        new ToolRunner.Asker(entity.name() + ": " + service, "a click in the Home area")).card(), background)
                .whenComplete((card, failure) -> ui.execute(() -> {
                    if (failure != null) {
                        status.set("Failed: " + failure.getMessage());
                        outcome.completeExceptionally(failure);
                        return;
                    }
                    status.set(card.summary());
                    undoable.set(card.undo().isPresent() ? Optional.of(card) : Optional.empty());
                    outcome.complete(card);
                }));
        return outcome;
    }

    /** Undoes the last click that can be undone. */
    public void undo() {
        Optional<ToolRunner.Card> last = undoable.get();
        if (last.isEmpty()) {
            return;
        }
        undoable.set(Optional.empty());
        CompletableFuture.runAsync(() -> {
            try {
                String said = runner.undo(last.get(), new ToolRunner.Asker("Undo " + last.get().description(), "a click in the Home area"));
                ui.execute(() -> status.set(said));
            } catch (ToolException e) {
                ui.execute(() -> status.set("Could not undo: " + e.getMessage()));
            }
        }, background);
    }

    /**
     * A sensor's readings over the last hours, for its sparkline, handed to {@code show} on the UI thread: read off it,
     * and at most once a minute per sensor however often its row is drawn again.
     */
    public void readings(String entityId, Consumer<List<SensorHistory.Reading>> show) {
        Sparkline cached = sparklines.get(entityId);
        Instant now = Instant.now();
        if (cached != null) {
            show.accept(cached.readings());
            if (Duration.between(cached.read(), now).compareTo(SPARKLINE_AGE) < 0) {
                return;
            }
        }
        sparklines.put(entityId, new Sparkline(now, cached == null ? List.of() : cached.readings()));
        CompletableFuture.supplyAsync(() -> history.last(entityId, SPARKLINE_SPAN), background)
                .thenAccept(readings -> ui.execute(() -> {
                    sparklines.put(entityId, new Sparkline(now, readings));
                    show.accept(readings);
                }));
    }

    /** Where a camera entity's picture can be fetched, if its source offers one. */
    public Optional<URI> picture(Entity entity) {
        return home.picture(entity);
    }

    /** The sources' connections in words, for the area's header. */
    public ReadOnlyStringProperty sources() {
        return sources.getReadOnlyProperty();
    }

    public ObservableList<HomeRow> rows() {
        return rows;
    }

    public StringProperty search() {
        return search;
    }

    public ObjectProperty<String> domain() {
        return domain;
    }

    public ObservableList<String> domains() {
        return domains;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<Optional<ToolRunner.Card>> undoable() {
        return undoable;
    }
}
