package jarvis.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.audio.store.Source;
import jarvis.audio.store.SourceLibrary;
import jarvis.audio.voice.WhisperModels;
import jarvis.cad.external.GcodeSummary;
import jarvis.cad.external.OpenScad;
import jarvis.cad.external.OrcaSlicer;
import jarvis.cad.external.Programs;
import jarvis.cad.external.PrusaSlicer;
import jarvis.cad.external.Slicer;
import jarvis.cad.external.StepConverter;
import jarvis.cad.make.TextToCad;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.PartReader;
import jarvis.cad.parts.Parts;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.CameraWatch;
import jarvis.devices.commands.CameraCommands;
import jarvis.devices.commands.DeviceCommands;
import jarvis.devices.commands.DeviceGrammar;
import jarvis.devices.commands.PrinterCommands;
import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.home.HazardPolicy;
import jarvis.devices.home.Home;
import jarvis.devices.home.SensorHistory;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.mqtt.MqttDevices;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterNews;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterWatch;
import jarvis.devices.printers.UploadJob;
import jarvis.devices.tools.CameraTools;
import jarvis.devices.tools.HomeTools;
import jarvis.devices.tools.PrinterTools;
import jarvis.devices.watch.FailureWatch;
import jarvis.devices.watch.VerdictBook;
import jarvis.devices.watch.VisionJudge;
import jarvis.devices.watch.VisionModel;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactCatalog;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.artifacts.CatalogArtifactStore;
import jarvis.orchestrator.artifacts.ConfiguredBlobStore;
import jarvis.orchestrator.artifacts.VerifyArtifactsJob;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.conversation.ConfiguredModels;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.ModelFailed;
import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.EventLog;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthMonitor;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.jobs.JobChanged;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobRepository;
import jarvis.orchestrator.jobs.RetryPolicy;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.OllamaProvider;
import jarvis.orchestrator.models.ollama.OllamaVision;
import jarvis.orchestrator.models.ollama.PullModelJob;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretChanged;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.SecretStores;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.SettingChanged;
import jarvis.orchestrator.settings.SettingsFile;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.orchestrator.settings.SettingsWatcher;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.tools.AuditLog;
import jarvis.orchestrator.tools.Confirmer;
import jarvis.orchestrator.tools.ToolRegistry;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.orchestrator.tools.Tools;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root's services, built by constructor in start order. The cheap part (settings, secrets,
 * events) is ready at once; storage (database, jobs, artifacts) opens in the background so the window is not
 * kept waiting, and health checks begin as soon as the first part is up.
 */
public final class Core implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Core.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What opens with the database. */
    public record Storage(Database database, JobEngine jobs, ArtifactStore artifacts, ConversationService conversations, AuditLog audit,
                          SensorHistory history) {

        /** After a stop: jobs that were running and replies that were streaming are marked interrupted. */
        public void recoverAfterRestart() {
            jobs.recoverAfterRestart();
            conversations.store().markInterrupted();
        }
    }

    private final DataFolder folder;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Turns, their saves and the model streams they read: few, and waited for by a person, so each has a thread of its
     * own, woken without waiting for a carrier thread that all other background work shares.
     */
    private final ExecutorService turns = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("jarvis-turn-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("jarvis-timer").factory());
    private final EventBus bus = new EventBus(background);
    private final EventLog eventLog = new EventLog(bus, 1000);
    private final SettingsService settings;
    private final Secrets secrets;
    private final CompletableFuture<Storage> storage = new CompletableFuture<>();
    private final HealthMonitor health;
    private final OllamaLibrary ollamaLibrary;
    /** The local model that looks at pictures, for the failure watch and the camera tool. */
    private final VisionModel vision;
    private final Clock clock = Clock.systemUTC();
    private SettingsWatcher settingsWatcher;
    private HttpClient sharedHttp;
    private Home home;
    private volatile Confirmer confirmer = Confirmer.NOBODY;
    private boolean historyKept;
    private volatile boolean closed;
    private HomeTools houseTools;
    private DeviceCommands deviceCommands;
    private PrinterBook printers;
    private PrinterTools printerTools;
    private volatile String partOnBench;
    private CadTools cadTools;
    private PartMaker partMaker;
    private PrinterWatch printerWatch;
    private FailureWatch failureWatch;
    private PrinterCommands printerCommands;
    private CameraCommands cameraCommands;
    private CameraBook cameras;
    private CameraWatch cameraWatch;
    private Studio studio;
    private Voice voice;
    private StudioTools studioTools;

    public Core(DataFolder folder, Map<String, String> environment) {
        this.folder = folder.ensureExists();
        this.settings = new SettingsService(new SettingsFile(folder.settingsFile()), environment, bus);
        this.secrets = new Secrets(SecretStores.forThisMachine(folder), environment, bus);
        this.ollamaLibrary = new OllamaLibrary(() -> settings.get(SettingsSchema.OLLAMA_URL));
        this.vision = new VisionModel(new OllamaVision(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                () -> settings.get(SettingsSchema.OLLAMA_URL), Duration.ofSeconds(120)), ollamaLibrary, () -> settings.get(SettingsSchema.WATCH_MODEL), clock);
        this.health = new HealthMonitor(Probes.all(settings, secrets, storage, this::sharedHttp, this::homeAssistant, this::mqtt), bus, background, timer,
                () -> settings.get(SettingsSchema.HEALTH_INTERVAL));
        bus.subscribe(SettingChanged.class, change -> {
            if (change.name().equals(SettingsSchema.HEALTH_INTERVAL.name())) {
                health.reschedule();
            } else {
                health.refreshAll();
            }
            if (change.name().equals(SettingsSchema.LOG_LEVEL.name())) {
                Logging.setLevel(change.value());
            }
            if (change.name().equals(SettingsSchema.HASS_URL.name())) {
                restart(HomeAssistant.NAME);
            } else if (change.name().startsWith("mqtt.")) {
                restart(MqttDevices.NAME);
            }
        });
        bus.subscribe(SecretChanged.class, change -> {
            if (change.name().equals(SecretName.HASS_TOKEN.name())) {
                restart(HomeAssistant.NAME);
            } else if (change.name().equals(SecretName.MQTT_PASSWORD.name())) {
                restart(MqttDevices.NAME);
            }
            health.refreshAll();
        });
        bus.subscribe(ModelFailed.class, this::modelFailed);
    }

    /**
     * A request that failed on a model's server is news for the status bar at once: a server that could not be reached
     * or refused the key is shown so; any other failure has the server checked again now.
     */
    private void modelFailed(ModelFailed failed) {
        String integration = failed.tier() == Tier.LOCAL ? Probes.OLLAMA : Probes.CLOUD;
        switch (failed.kind()) {
            case UNREACHABLE, UNAUTHORIZED -> health.report(new Health(integration, Health.Status.UNREACHABLE, failed.detail(), failed.at()));
            default -> health.recheck(integration);
        }
    }

    /**
     * The house, live: Home Assistant and the MQTT broker's devices, made and started when first asked for (the status
     * bar's checks ask at start-up), Home Assistant with an HTTP client of its own.
     */
    public synchronized Home home() {
        if (home == null) {
            HomeAssistant homeAssistant = new HomeAssistant(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                    this::homeAssistantTarget, timer, clock, Duration.ofSeconds(10));
            MqttDevices mqtt = new MqttDevices(this::mqttTarget, timer, clock, Duration.ofSeconds(10));
            home = new Home(List.of(homeAssistant, mqtt));
            if (closed) {
                // Asked for after closing (a late status check): a house that is never started.
                return home;
            }
            home.addListener(new DeviceSource.Listener() {
                @Override
                public void changed(Entity entity) {}

                @Override
                public void connection(Connection connection) {
                    health.recheck(Probes.HOME_ASSISTANT);
                    health.recheck(Probes.MQTT);
                }
            });
            home.start();
            keepSensorHistory();
        }
        return home;
    }

    /** Once both the house and the database are open, numeric sensors' readings are kept for the sparklines. */
    private synchronized void keepSensorHistory() {
        if (home != null && !closed && storage.isDone() && !storage.isCompletedExceptionally() && !historyKept) {
            historyKept = true;
            SensorHistory history = storage.join().history();
            home.addListener(history);
            // A while after start, then every six hours: a short command-line run never prunes under its own closing.
            timer.scheduleWithFixedDelay(() -> {
                if (!closed) {
                    background.execute(history::prune);
                }
            }, 10, 6 * 60, TimeUnit.MINUTES);
        }
    }

    public HomeAssistant homeAssistant() {
        return (HomeAssistant) source(HomeAssistant.NAME);
    }

    public MqttDevices mqtt() {
        return (MqttDevices) source(MqttDevices.NAME);
    }

    private DeviceSource source(String name) {
        return home().sources().stream().filter(source -> source.name().equals(name)).findFirst().orElseThrow();
    }

    private Optional<HomeAssistant.Target> homeAssistantTarget() {
        String address = settings.get(SettingsSchema.HASS_URL);
        Optional<Secret> token = secrets.get(SecretName.HASS_TOKEN);
        return address.isBlank() || token.isEmpty() ? Optional.empty() : Optional.of(new HomeAssistant.Target(address, token.get().reveal()));
    }

    private Optional<MqttDevices.Target> mqttTarget() {
        String address = settings.get(SettingsSchema.MQTT_URL);
        String caFile = settings.get(SettingsSchema.MQTT_CA_FILE);
        return address.isBlank() ? Optional.empty() : Optional.of(new MqttDevices.Target(address, settings.get(SettingsSchema.MQTT_USERNAME),
                secrets.get(SecretName.MQTT_PASSWORD).map(Secret::reveal).orElse(""),
                caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile)), settings.get(SettingsSchema.MQTT_PREFIX)));
    }

    /** A changed address or credential: that source connects again with them, if the house is in use. */
    private synchronized void restart(String source) {
        if (home != null) {
            source(source).start();
        }
    }

    /**
     * The HTTP client the health checks and the CAD bench's local model share, made at first use: making one loads TLS
     * and costs a quarter second of start-up.
     */
    private synchronized HttpClient sharedHttp() {
        if (sharedHttp == null) {
            sharedHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        }
        return sharedHttp;
    }

    /** Opens the database and what depends on it, on the calling thread; the result also completes {@link #storage()}. */
    public Storage openStorage() {
        try {
            Database database = Database.openFile(folder.databaseBase());
            ArtifactCatalog catalog = new ArtifactCatalog(database);
            ConfiguredBlobStore blobs = new ConfiguredBlobStore(settings::current, secrets, folder.artifactFolder());
            ArtifactStore artifacts = new CatalogArtifactStore(catalog, blobs, folder.root().resolve("tmp"), clock);
            JobEngine jobs = new JobEngine(new JobRepository(database), bus, background,
                    () -> RetryPolicy.of(settings.get(SettingsSchema.JOB_ATTEMPTS),
                            Duration.ofMillis(settings.get(SettingsSchema.JOB_BACKOFF))),
                    clock, List.of(new VerifyArtifactsJob(catalog, blobs), new UploadJob(this::printers),
                            new SliceJob(this::slicing, () -> new Parts(artifacts)), new ImportAudioJob(this::studio), new MixdownJob(this::studio),
                            new ComposeJob(this::studio), new ReplayJob(this::studio), new DownloadModelJob(),
                            new PullModelJob(HttpClient.newHttpClient(), () -> settings.get(SettingsSchema.OLLAMA_URL))));
            RouteLog routes = new RouteLog(database);
            AuditLog audit = new AuditLog(database);
            ConversationService conversations = new ConversationService(new ConversationStore(database, clock), routes,
                    new RouterFeedback(database, routes, clock), new ConfiguredModels(settings::current, secrets, turns), settings::current, bus,
                    turns, timer, clock, tools(database, audit, artifacts, routes));
            Storage opened = new Storage(database, jobs, artifacts, conversations, audit, new SensorHistory(database, background, clock));
            storage.complete(opened);
            keepSensorHistory();
            return opened;
        } catch (RuntimeException e) {
            storage.completeExceptionally(e);
            throw e;
        } finally {
            health.refreshAll();
        }
    }

    /**
     * What turns may use besides a model: the house's tools and its device commands, carried out by a runner that asks
     * the person through {@link #confirmWith} and writes every action to the audit log.
     */
    private Tools tools(Database database, AuditLog audit, ArtifactStore artifacts, RouteLog routes) {
        Tools tools = new Tools(new ToolRegistry(), new ToolRunner(audit, request -> confirmer.ask(request),
                () -> Duration.ofSeconds(settings.get(SettingsSchema.SAFETY_CONFIRMATION)), clock, bus::publish));
        HomeTools house = new HomeTools(this::home, this::hazardPolicy);
        tools.register(house);
        DeviceCommands commands = new DeviceCommands(DeviceGrammar.standard(), this::home, house.serviceCalls());
        tools.register(commands);
        PrinterBook book = new PrinterBook(database, secrets, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                Duration.ofSeconds(10), clock);
        PrinterTools printing = new PrinterTools(() -> book);
        tools.register(printing);
        PrinterCommands printerSaid = new PrinterCommands(() -> book, printing);
        tools.register(printerSaid);
        CameraBook lenses = new CameraBook(database, secrets, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                Duration.ofSeconds(10), clock);
        CameraTools looking = new CameraTools(() -> lenses, () -> artifacts, vision);
        tools.register(looking);
        CameraCommands cameraSaid = new CameraCommands(() -> lenses, looking);
        tools.register(cameraSaid);
        PartMaker maker = new PartMaker(this::textToCad, () -> new Parts(artifacts), settings, secrets, routes, clock);
        CadTools bench = new CadTools(this, () -> new Parts(artifacts), () -> maker);
        tools.register(bench);
        StudioTools music = new StudioTools(this::studio);
        tools.register(music);
        synchronized (this) {
            studioTools = music;
            cameraCommands = cameraSaid;
            houseTools = house;
            deviceCommands = commands;
            printers = book;
            printerTools = printing;
            printerCommands = printerSaid;
            cameras = lenses;
            cadTools = bench;
            partMaker = maker;
        }
        return tools;
    }

    /** The workshop's printers as a person added them; there once the database is open. */
    public synchronized PrinterBook printers() {
        return printers;
    }

    /**
     * Every printer read every two seconds, for the Printers area, its news told in Activity and on the desktop; made
     * when first asked for, there once the database is open.
     */
    public synchronized PrinterWatch printerWatch() {
        if (printerWatch == null && printers != null && !closed) {
            printerWatch = new PrinterWatch(printers, timer, Duration.ofSeconds(2));
            // Finished, failed, paused, gone: an entry in Activity, and a notification on the desktop, off the reading thread.
            DesktopNotifier desktop = new DesktopNotifier();
            Consumer<PrinterNews.Item> tell = item -> {
                bus.publish(item.bad() ? Notice.warning("printers", item.sentence()) : Notice.info("printers", item.sentence()));
                background.execute(() -> desktop.show("Jarvis: " + item.printer(), item.sentence(), item.bad()));
            };
            printerWatch.watch(new PrinterNews(tell));
            FailureWatch looking = failureWatch(tell);
            PrinterWatch reading = printerWatch;
            // A removed printer's last reading comes once more: the watch forgets it rather than look at it.
            printerWatch.watch(one -> {
                if (reading.latest().containsKey(one.printer().name())) {
                    looking.accept(one);
                } else {
                    looking.forget(one.printer().name());
                }
            });
            failureWatch = looking;
        }
        return printerWatch;
    }

    /**
     * The failure watch: each running print's camera shown to a local vision model at the rate the settings say; a
     * pause it makes goes through the tool runner like a click's, so it is in the audit log.
     */
    private FailureWatch failureWatch(Consumer<PrinterNews.Item> tell) {
        Storage opened = storage.join();
        ToolRunner runner = opened.conversations().tools().orElseThrow().runner();
        VisionJudge judge = new VisionJudge(vision);
        FailureWatch.Hands hands = new FailureWatch.Hands() {
            @Override
            public PrinterStatus status(PrinterBook.Entry printer) throws PrinterException {
                return printers.printer(printer).status();
            }

            @Override
            public void pause(PrinterBook.Entry printer, String why) throws PrinterException {
                ToolRunner.Card card = runner.run(printerTools.control(), JSON.createObjectNode().put("printer", printer.name()).put("action", "pause"),
                        new ToolRunner.Asker(printer.name() + ": pause", "the failure watch: " + why)).card();
                if (card.status() != ToolRunner.Status.DONE) {
                    throw new PrinterException(PrinterException.Kind.REJECTED, card.summary());
                }
            }
        };
        return new FailureWatch(entry -> printers.camera(entry, cameras), judge, new VerdictBook(opened.database()), opened.artifacts(),
                () -> new FailureWatch.Rules(Duration.ofSeconds(settings.get(SettingsSchema.WATCH_INTERVAL)), settings.get(SettingsSchema.WATCH_AUTO_PAUSE),
                        settings.get(SettingsSchema.WATCH_PAUSE_CONFIDENCE)), hands, clock, tell);
    }

    /** The failure watch, there once the printers are watched ({@link #printerWatch()}). */
    public synchronized Optional<FailureWatch> failureWatch() {
        return Optional.ofNullable(failureWatch);
    }

    /**
     * Sends a file to a printer as a job (shown in Activity with its progress, cancellable there), telling
     * {@code progress} as it goes; completes when the file is on the printer, or fails with the job's reason.
     */
    public CompletableFuture<Void> sendToPrinter(String printer, Path file, DoubleConsumer progress) {
        return runJob(UploadJob.TYPE, "Send " + file.getFileName() + " to " + printer, UploadJob.payload(printer, file), progress)
                .thenAccept(said -> { });
    }

    /**
     * Slices a stored part for a printer as a job (shown in Activity, cancellable there) into the data folder's
     * {@code gcode} folder, as PART-PRINTER.gcode in letters, digits, dots, dashes and underscores only (the name it
     * then has on the printer too); completes with the G-code and the slicer's estimates, or fails with the reason.
     */
    public CompletableFuture<Slicer.Sliced> sliceForPrinter(Artifact part, String printer, DoubleConsumer progress) {
        String name = (Parts.stem(Parts.fileName(part)) + "-" + printer).replaceAll("[^A-Za-z0-9._-]+", "_");
        Path out = folder.root().resolve("gcode").resolve(name + ".gcode");
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("Could not make the folder for G-code, " + out.getParent() + ": "
                    + e.getMessage(), e));
        }
        return runJob(SliceJob.TYPE, "Slice " + Parts.fileName(part) + " for " + printer, SliceJob.payload(part, printer, out), progress)
                .thenApply(sliced -> {
                    try {
                        return GcodeSummary.read(out);
                    } catch (CommandException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    /**
     * Runs a job and follows it: {@code progress} told as it goes; completes with its last word when it succeeds, fails
     * with its reason.
     */
    private CompletableFuture<String> runJob(String type, String title, String payload, DoubleConsumer progress) {
        CompletableFuture<String> done = new CompletableFuture<>();
        Subscription following = bus.subscribe(JobChanged.class, change -> {
            JobRecord job = change.job();
            if (!job.payload().equals(payload)) {
                return;
            }
            progress.accept(job.progress());
            switch (job.state()) {
                case SUCCEEDED -> done.complete(job.message() == null ? "" : job.message());
                case FAILED, CANCELLED, INTERRUPTED -> done.completeExceptionally(new IllegalStateException(job.message() == null || job.message().isBlank()
                        ? title + " was " + job.state().name().toLowerCase(Locale.ROOT) : job.message()));
                default -> { }
            }
        });
        done.whenComplete((finished, failure) -> following.close());
        try {
            storage.join().jobs().submit(type, title, payload);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Speech: the models, Whisper, the microphone and the machine's voice (no storage needed). */
    public synchronized Voice voice() {
        if (voice == null) {
            voice = new Voice(folder.modelFolder(), settings);
        }
        return voice;
    }

    /**
     * Downloads a standard speech model into the models folder as a job (Activity shows it, with progress, and can
     * cancel it); completes with the file, checked against its size and SHA-1.
     */
    public CompletableFuture<Path> downloadSpeechModel(WhisperModels.Known model, DoubleConsumer progress) {
        Path file = folder.modelFolder().resolve(model.file());
        return runJob(DownloadModelJob.TYPE, "Download the speech model " + model.name(),
                DownloadModelJob.payload(model, settings.get(SettingsSchema.VOICE_SOURCE), file), progress).thenApply(done -> file);
    }

    /** The studio's sources and projects, over the storage (opened first). */
    public synchronized Studio studio() {
        if (studio == null) {
            studio = new Studio(storage.join(), settings, sharedHttp(), clock);
        }
        return studio;
    }

    /** The studio's tools for models (there once the storage is open). */
    public synchronized StudioTools studioTools() {
        return studioTools;
    }

    /** Imports an audio file into the studio as a job; completes with the stored source, or fails with what was wrong. */
    public CompletableFuture<Source> importAudio(Path file, DoubleConsumer progress) {
        String id = SourceLibrary.newId();
        return runJob(ImportAudioJob.TYPE, "Import " + file.getFileName(), ImportAudioJob.payload(file, id), progress)
                .thenApply(done -> studio().sources().source(id).orElseThrow(() -> new IllegalStateException("The import of " + file.getFileName()
                        + " ended without a source.")));
    }

    /**
     * Writes a part from words as a job (Activity shows it, and can cancel it) and puts it on a new track of the project
     * open in the Studio area; completes with what was added where.
     */
    public CompletableFuture<String> composeInStudio(String request, DoubleConsumer progress) {
        return runJob(ComposeJob.TYPE, "Compose " + (request.length() > 60 ? request.substring(0, 60) + "…" : request), ComposeJob.payload(request),
                progress);
    }

    /**
     * Plays a part written here with another General MIDI instrument, as a job; completes with the new source (the old
     * one is left as it was).
     */
    public CompletableFuture<Source> replayInStudio(String sourceId, String instrument, DoubleConsumer progress) {
        String id = SourceLibrary.newId();
        return runJob(ReplayJob.TYPE, "Play the part with " + instrument.replace('_', ' '), ReplayJob.payload(sourceId, instrument, id), progress)
                .thenApply(done -> studio().sources().source(id).orElseThrow(() -> new IllegalStateException(
                        "Playing the part with " + instrument + " ended without a sound.")));
    }

    /**
     * Mixes a project down as a job into the artifact store; completes with the stored WAV, or fails with what was
     * wrong.
     */
    public CompletableFuture<Artifact> mixdownToStore(String project, int bits, DoubleConsumer progress) {
        return runJob(MixdownJob.TYPE, "Mix down " + project, MixdownJob.payload(project, bits), progress)
                .thenApply(done -> storage.join().artifacts().latest(MixdownJob.artifactName(project)).orElseThrow(() -> new IllegalStateException(
                        "The mixdown of " + project + " ended without a file.")));
    }

    /** The workshop's cameras as a person added them; there once the database is open. */
    public synchronized CameraBook cameras() {
        return cameras;
    }

    /** Every camera's latest picture, read while the Cameras area is shown; there once the database is open. */
    public synchronized CameraWatch cameraWatch() {
        if (cameraWatch == null && cameras != null && !closed) {
            cameraWatch = new CameraWatch(cameras::entries, cameras::camera);
        }
        return cameraWatch;
    }

    /** The cameras' commands the chat box and './jarvis do' understand ("show the shop camera"); there once the database is open. */
    public synchronized CameraCommands cameraCommands() {
        return cameraCommands;
    }

    /** Reads part files, a STEP file's geometry through the converter the settings name (read afresh each time). */
    public PartReader partReader() {
        return new PartReader(new StepConverter(settings.get(SettingsSchema.CAD_STEP_CONVERTER),
                Programs.prusaSlicer(settings.get(SettingsSchema.CAD_PRUSA_SLICER)), Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS))));
    }

    /** Slices parts for the printers, with the chosen slicer and each printer's profile in the data folder; needs the database open. */
    public PartSlicing slicing() {
        Duration limit = Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS));
        Slicer slicer = settings.get(SettingsSchema.CAD_SLICER).equals("orcaslicer")
                ? new OrcaSlicer(Programs.orcaSlicer(settings.get(SettingsSchema.CAD_ORCA_SLICER)), limit)
                : new PrusaSlicer(Programs.prusaSlicer(settings.get(SettingsSchema.CAD_PRUSA_SLICER)), limit);
        return new PartSlicing(printers(), partReader(), folder.root().resolve("slicer"), slicer);
    }

    /** Makes parts from words with the local model and OpenSCAD, as the settings say (read afresh each time). */
    public TextToCad textToCad() {
        String model = settings.get(SettingsSchema.CAD_MODEL).isBlank() ? settings.get(SettingsSchema.OLLAMA_MODEL) : settings.get(SettingsSchema.CAD_MODEL);
        Duration limit = Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS));
        return new TextToCad(new OllamaProvider(sharedHttp(), background, () -> settings.get(SettingsSchema.OLLAMA_URL)), model,
                new OpenScad(Programs.openScad(settings.get(SettingsSchema.CAD_OPENSCAD)), limit), limit);
    }

    /** Makes parts from words, local first, Zoo when allowed; there once the database is open. */
    public synchronized PartMaker partMaker() {
        return partMaker;
    }

    /** The CAD bench's tools (read, make, print a part); there once the database is open. */
    public synchronized CadTools cadTools() {
        return cadTools;
    }

    /** The part on the CAD bench: the one shown in the CAD area or made last, which "this part" means in conversation. */
    public Optional<String> partOnBench() {
        return Optional.ofNullable(partOnBench);
    }

    /** Puts a stored part (by its file name) on the CAD bench. */
    public void putOnBench(String part) {
        partOnBench = part;
    }

    /** Whether a part fits each printer's build volume, each printer asked (once) what it is; needs the database open. */
    public List<Fit> fits(MeshAnalysis part, Mesh.Units units) {
        return new PartFits(printers()).of(part, units);
    }

    /** The printers' commands the chat box and './jarvis do' understand; there once the database is open. */
    public synchronized PrinterCommands printerCommands() {
        return printerCommands;
    }

    /** The printers' tools (the command line's pause, resume and cancel go through them); there once the database is open. */
    public synchronized PrinterTools printerTools() {
        return printerTools;
    }

    /** The house's tools (the service calls the Home area's clicks make); there once the database is open. */
    public synchronized HomeTools houseTools() {
        return houseTools;
    }

    /** The device commands the chat box and './jarvis do' understand; there once the database is open. */
    public synchronized DeviceCommands deviceCommands() {
        return deviceCommands;
    }

    /** The hazard policy as the settings have it now. */
    public HazardPolicy hazardPolicy() {
        return HazardPolicy.of(settings.get(SettingsSchema.SAFETY_HAZARDOUS), settings.get(SettingsSchema.SAFETY_CLIMATE_LIMIT));
    }

    /**
     * Who confirms hazardous actions: the window's dialog, the command line's terminal prompt; until one is set,
     * nobody can, and every hazardous action is refused.
     */
    public void confirmWith(Confirmer confirmer) {
        this.confirmer = confirmer;
    }

    /** Follows changes other processes make to the settings file; the desktop app asks for this. */
    public void watchSettingsFile() {
        try {
            settingsWatcher = SettingsWatcher.start(settings, Thread.ofVirtual().name("jarvis-settings-watch").factory());
        } catch (IOException e) {
            LOG.warn("Settings changed on the command line will need a restart", e);
        }
    }

    public CompletableFuture<Storage> openStorageInBackground() {
        background.execute(() -> {
            try {
                openStorage();
            } catch (RuntimeException e) {
                LOG.error("Storage did not open", e);
            }
        });
        return storage;
    }

    public DataFolder folder() { return folder; }
    public EventBus bus() { return bus; }
    public EventLog eventLog() { return eventLog; }
    public SettingsService settings() { return settings; }
    public Secrets secrets() { return secrets; }
    public HealthMonitor health() { return health; }
    public OllamaLibrary ollamaLibrary() { return ollamaLibrary; }
    public ExecutorService background() { return background; }
    public CompletableFuture<Storage> storage() { return storage; }

    @Override
    public void close() {
        if (settingsWatcher != null) {
            try {
                settingsWatcher.close();
            } catch (IOException ignored) {
                // Stopping anyway.
            }
        }
        health.close();
        synchronized (this) {
            closed = true;
            if (home != null) {
                home.close();
            }
            if (printerWatch != null) {
                printerWatch.close();
            }
            if (failureWatch != null) {
                failureWatch.close();
            }
            if (printers != null) {
                printers.close();
            }
            if (cameraWatch != null) {
                cameraWatch.close();
            }
            if (voice != null) {
                voice.close();
            }
        }
        timer.shutdownNow();
        // A turn still writing finishes its write (a moment) before the database closes under it.
        turns.shutdown();
        try {
            turns.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.thenAccept(opened -> opened.database().close());
        background.shutdown();
    }
}
