package jarvis.app.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.app.Core;
import jarvis.app.PartMaker;
import jarvis.app.Probes;
import jarvis.app.Studio;
import jarvis.audio.mix.Playback;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.store.ProjectBook;
import jarvis.cad.parts.PartReader;
import jarvis.devices.printers.PrinterWatch;
import jarvis.devices.watch.VerdictBook;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.VerifyArtifactsJob;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.health.HealthChanged;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.SettingChanged;
import jarvis.orchestrator.settings.SettingKey;
import jarvis.orchestrator.settings.SettingsProblem;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.tools.ToolRunner;
import jarvis.resources.Resources;
import jarvis.ui.activity.ActivityView;
import jarvis.ui.activity.ActivityViewModel;
import jarvis.ui.cad.CadView;
import jarvis.ui.cad.CadViewModel;
import jarvis.ui.cameras.CamerasView;
import jarvis.ui.cameras.CamerasViewModel;
import jarvis.ui.chat.ChatView;
import jarvis.ui.chat.ChatViewModel;
import jarvis.ui.chat.FirstRunPanel;
import jarvis.ui.chat.FirstRunViewModel;
import jarvis.ui.fx.NextFrame;
import jarvis.ui.home.HomeView;
import jarvis.ui.home.HomeViewModel;
import jarvis.ui.printers.PrinterSetup;
import jarvis.ui.printers.PrinterSetupViewModel;
import jarvis.ui.printers.PrintersView;
import jarvis.ui.printers.PrintersViewModel;
import jarvis.ui.printers.WatchReviewViewModel;
import jarvis.ui.safety.ConfirmationDialog;
import jarvis.ui.settings.ModelsSection;
import jarvis.ui.settings.ModelsViewModel;
import jarvis.ui.settings.RouterSection;
import jarvis.ui.settings.RouterViewModel;
import jarvis.ui.settings.SettingsView;
import jarvis.ui.settings.SettingsViewModel;
import jarvis.ui.shell.Area;
import jarvis.ui.shell.DeferredArea;
import jarvis.ui.shell.DropRouter;
import jarvis.ui.shell.MainWindow;
import jarvis.ui.shell.StatusBar;
import jarvis.ui.shell.StatusBarViewModel;
import jarvis.ui.shell.WindowPlacement;
import jarvis.ui.studio.StudioView;
import jarvis.ui.studio.StudioViewModel;
import jarvis.ui.theme.Themes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Builds the window from the services: every view model gets its narrow ports and the two executors, and
 * every view is attached here and detached on close.
 */
public final class DesktopShell {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stage stage;
    private final MainWindow window;
    private final ActivityViewModel activity;
    private final StatusBarViewModel status;
    private final WindowPlacement placement;
    private final Runnable afterFirstFrame;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private HomeViewModel homeModel;
    private CadViewModel cadModel;
    private CompletableFuture<StudioViewModel> studioModel;
    /** Lets go of the Studio area's project (no more edits from conversation) and saves it: set once the area is made. */
    private Runnable closeStudio = () -> { };
    /** Push-to-talk and spoken replies: made with the chat. */
    private VoiceDesk voice;
    private boolean firstFrameShown;
    private ChatView chatView;
    private static final String CHAT_LIST_WIDTH = "chat.listWidth";

    /** {@code afterFirstFrame} runs once the window has been laid out on screen: work that need not delay it. */
    public DesktopShell(Core core, Executor fx, Stage stage, Runnable afterFirstFrame) {
        this.stage = stage;
        Themes themes = new Themes();
        themes.apply(core.settings().get(SettingsSchema.THEME));
        subscriptions.add(core.bus().subscribe(SettingChanged.class, change -> {
            if (change.name().equals(SettingsSchema.THEME.name())) {
                fx.execute(() -> themes.apply(change.value()));
            }
        }));

        CompletableFuture<JobEngine> jobs = core.storage().thenApply(Core.Storage::jobs);
        activity = new ActivityViewModel(jobs, core.background(), fx);
        activity.attach(core.bus(), core.eventLog().newestFirst());
        activity.showActions(core.bus(), core.storage().thenApply(Core.Storage::audit));
        status = new StatusBarViewModel(Probes.names(), fx);
        status.attach(core.bus(), core.health().latest().values());

        // The place is read first: the areas take the sizes the person gave their parts from it.
        placement = new WindowPlacement(core.folder().windowStateFile());
        window = new MainWindow(areas(core, fx, jobs), new StatusBar(status), new DropRouter(List.of(partDrops(core, fx), audioDrops(core, fx))),
                message -> core.bus().publish(Notice.warning("drop", message)));

        core.confirmWith(new ConfirmationDialog(() -> stage, fx, Clock.systemUTC()));
        // The printers are watched from the start, not from the first look at their area: news and the failure watch need it.
        core.storage().thenRunAsync(() -> Optional.ofNullable(core.printerWatch()).ifPresent(PrinterWatch::start), core.background());

        stage.setTitle("Jarvis");
        stage.getIcons().add(new Image(Resources.url("app-icon.png").toExternalForm()));
        stage.setScene(window.scene());
        placement.restore(stage);
        announceSettingsProblems(core);
        window.scene().addPostLayoutPulseListener(this::firstFrame);
        this.afterFirstFrame = afterFirstFrame;
    }

    /** The areas that work in this version, each built when first opened. */
    private Map<Area, Supplier<Node>> areas(Core core, Executor fx, CompletableFuture<JobEngine> jobs) {
        return Map.of(
                Area.CHAT, () -> new DeferredArea<>(core.storage(), storage -> {
                    ChatViewModel conversation = new ChatViewModel(storage.conversations(),
                            () -> core.settings().get(SettingsSchema.OLLAMA_CONTEXT), core.background(), fx);
                    ChatView chat = new ChatView(conversation, () -> window.select(Area.SETTINGS), firstRun(core, fx, jobs));
                    voice = new VoiceDesk(core, conversation, fx);
                    voice.attach(chat);
                    chat.setListWidth(placement.part(CHAT_LIST_WIDTH, ChatView.DEFAULT_LIST_WIDTH));
                    chat.ready().thenRun(this::ready);
                    chatView = chat;
                    return chat;
                }, fx, "Opening the conversations…"),
                Area.HOME, () -> new DeferredArea<>(core.storage(), storage -> {
                    HomeViewModel model = new HomeViewModel(core.home(), storage.conversations().tools().orElseThrow().runner(),
                            core.houseTools().serviceCalls(), storage.history(), new HomeViewModel.Choices(
                                    ids(core, SettingsSchema.HOME_FAVOURITES), chosen -> saveIds(core, SettingsSchema.HOME_FAVOURITES, chosen),
                                    ids(core, SettingsSchema.SAFETY_HAZARDOUS), chosen -> saveIds(core, SettingsSchema.SAFETY_HAZARDOUS, chosen)),
                            core.background(), fx, new NextFrame(fx));
                    model.attach();
                    homeModel = model;
                    return new HomeView(model);
                }, fx, "Opening the house…"),
                Area.PRINTERS, () -> new DeferredArea<>(core.storage(), storage -> {
                    PrintersViewModel model = new PrintersViewModel(core.printerWatch(), storage.conversations().tools().orElseThrow().runner(),
                            core.printerTools().control(), core::sendToPrinter, entry -> core.printers().camera(entry, core.cameras()),
                            core.background(), fx, new NextFrame(fx));
                    model.attach();
                    return new PrintersView(model, new WatchReviewViewModel(new VerdictBook(storage.database()), storage.artifacts(),
                            core.background(), fx));
                }, fx, "Opening the printers…"),
                Area.CAMERAS, () -> new DeferredArea<>(core.storage(), storage -> new CamerasView(new CamerasViewModel(core.cameraWatch(),
                        core.cameras(), storage.artifacts(), core.background(), fx, new NextFrame(fx))), fx, "Opening the cameras…"),
                Area.CAD, () -> new DeferredArea<>(core.storage(), storage -> new CadView(cad(core, storage, fx)), fx, "Opening the parts…"),
                Area.STUDIO, () -> new DeferredArea<>(studio(core, fx), StudioView::new, fx, "Opening the studio…"),
                Area.ACTIVITY, () -> new ActivityView(activity, VerifyArtifactsJob.TYPE),
                Area.SETTINGS, () -> {
                    SettingsViewModel settings = new SettingsViewModel(core.settings(), core.secrets(), core.background(), fx);
                    subscriptions.add(settings.attach(core.bus()));
                    ModelsViewModel models = new ModelsViewModel(core.ollamaLibrary(), core.settings(), jobs,
                            core.storage().thenApply(storage -> storage.conversations().routes()), core.background(), fx);
                    subscriptions.add(models.attach(core.bus()));
                    RouterViewModel router = new RouterViewModel(core.storage().thenApply(storage -> storage.conversations().routes()),
                            core.storage().thenApply(storage -> storage.conversations().feedback()), core.background(), fx);
                    return new SettingsView(settings, new ModelsSection(models), new RouterSection(router), new DeferredArea<>(core.storage(),
                            storage -> new PrinterSetup(new PrinterSetupViewModel(core.printers(), core.background(), fx)), fx, "Opening the printers…"),
                            VoiceDesk.speechModels(core, fx));
                });
    }

    /** The CAD area's state, made once: the area and a drop anywhere on the window share it. */
    private CadViewModel cad(Core core, Core.Storage storage, Executor fx) {
        if (cadModel == null) {
            ToolRunner runner = storage.conversations().tools().orElseThrow().runner();
            CadViewModel.Bench bench = new CadViewModel.Bench() {
                @Override
                public void onBench(String part) {
                    core.putOnBench(part);
                }

                @Override
                public CadViewModel.Outcome print(String part, String printer) {
                    return outcome(runner.run(core.cadTools().print(), JSON.createObjectNode().put("part", part).put("printer", printer),
                            new ToolRunner.Asker("print " + part + " on " + printer, "the CAD area")));
                }

                @Override
                public CadViewModel.Outcome make(String words, String file, BooleanSupplier stopped, Consumer<String> progress) {
                    return outcome(runner.run(core.cadTools().make(), JSON.createObjectNode().put("description", words).put("file", file),
                            new ToolRunner.Asker("make " + file, "the CAD area", stopped, Optional.empty(), progress)));
                }

                @Override
                public CadViewModel.WhereMade whereMade() {
                    PartMaker maker = core.partMaker();
                    PartMaker.WhereMade where = maker == null ? new PartMaker.WhereMade(false, "") : maker.whereMade();
                    return new CadViewModel.WhereMade(where.cloud(), where.said());
                }

                @Override
                public CadViewModel.Outcome change(String part, String version, Map<String, Double> values, BooleanSupplier stopped) {
                    Optional<Artifact> shown = storage.artifacts().find(version);
                    if (shown.isEmpty()) {
                        return new CadViewModel.Outcome(false, "The version of " + part + " shown is no longer stored; choose another.");
                    }
                    ObjectNode arguments = JSON.createObjectNode().put("part", part).put("version", shown.get().version());
                    values.forEach(arguments.putObject("values")::put);
                    return outcome(runner.run(core.cadTools().change(), arguments, new ToolRunner.Asker("change " + part, "the CAD area", stopped)));
                }

                private static CadViewModel.Outcome outcome(ToolRunner.Ran ran) {
                    return new CadViewModel.Outcome(ran.card().status() == ToolRunner.Status.DONE, ran.card().summary());
                }
            };
            cadModel = new CadViewModel(file -> core.partReader().read(file, line -> { }, () -> false), core::fits, storage.artifacts(), bench,
                    core.background(), fx);
        }
        return cadModel;
    }

    /**
     * The Studio area's state, made once: the area and a drop anywhere on the window share it. It opens the project
     * saved last, or a new one, read off the UI thread.
     */
    private synchronized CompletableFuture<StudioViewModel> studio(Core core, Executor fx) {
        if (studioModel == null) {
            ProjectBook[] own = new ProjectBook[1];
            studioModel = core.storage().thenApplyAsync(storage -> {
                own[0] = core.studio().newBook();
                return own[0].open(core.studio().lastProjectName());
            }, core.background()).thenApplyAsync(opened -> {
                Studio studio = core.studio();
                StudioViewModel model = new StudioViewModel(new StudioLibrary(core), own[0], new Playback(Playback.Output.system()), opened, core.background(), fx);
                // A part composed in conversation lands in this project through its own history: one step to undo.
                studio.editWith(new Studio.Editor(model::showing, (projectId, edit) -> {
                    CompletableFuture<Boolean> done = new CompletableFuture<>();
                    fx.execute(() -> {
                        try {
                            done.complete(model.performIn(projectId, edit));
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                        }
                    });
                    return done;
                }));
                closeStudio = () -> {
                    studio.editWith(null);
                    model.close();
                };
                return model;
            }, fx);
        }
        return studioModel;
    }

    /** An audio file dropped anywhere: the Studio area comes forward and puts it on a new track. */
    private DropRouter.Handler audioDrops(Core core, Executor fx) {
        return DropRouter.Handler.of(Area.STUDIO, AudioDecoder::importable, files -> {
            window.select(Area.STUDIO);
            studio(core, fx).whenCompleteAsync((model, failure) -> {
                if (failure != null) {
                    core.bus().publish(Notice.warning("drop", "The studio cannot open, so the audio was not imported: " + failure.getMessage()));
                } else {
                    model.importFiles(files);
                }
            }, fx);
        });
    }

    /** A part file dropped anywhere: the CAD area comes forward and opens it. */
    private DropRouter.Handler partDrops(Core core, Executor fx) {
        return DropRouter.Handler.of(Area.CAD, PartReader::readable, files -> {
            window.select(Area.CAD);
            core.storage().thenAcceptAsync(storage -> cad(core, storage, fx).open(files), fx);
        });
    }

    /** Entity ids kept in a setting, separated by commas (the favourites, the entities marked hazardous). */
    private static Set<String> ids(Core core, SettingKey<String> key) {
        return Arrays.stream(core.settings().get(key).split("[,\\s]+")).filter(id -> !id.isBlank()).collect(Collectors.toSet());
    }

    private static void saveIds(Core core, SettingKey<String> key, Set<String> chosen) {
        try {
            core.settings().set(key.name(), String.join(",", chosen.stream().sorted().toList()));
        } catch (InvalidSettingException e) {
            LoggerFactory.getLogger(DesktopShell.class).warn("{} was not saved: {}", key.name(), e.getMessage());
        }
    }

    /** The first-run panel of an empty chat; it looks at Ollama again whenever its health changes. */
    private FirstRunPanel firstRun(Core core, Executor fx, CompletableFuture<JobEngine> jobs) {
        ModelsViewModel local = new ModelsViewModel(core.ollamaLibrary(), core.settings(), jobs,
                core.storage().thenApply(storage -> storage.conversations().routes()), core.background(), fx);
        subscriptions.add(local.attach(core.bus()));
        subscriptions.add(core.bus().subscribe(HealthChanged.class, change -> {
            if (change.health().integration().equals(Probes.OLLAMA)) {
                local.refreshModels();
            }
        }));
        subscriptions.add(core.bus().subscribe(SettingChanged.class, change -> {
            if (change.name().equals(SettingsSchema.OLLAMA_MODEL.name()) || change.name().equals(SettingsSchema.OLLAMA_URL.name())) {
                local.refreshModels();
            }
        }));
        local.refreshModels();
        return new FirstRunPanel(new FirstRunViewModel(local, core.settings(), core.secrets(), core.background(), fx));
    }

    /** A settings file that could not be read is said at once, in the window and in Activity. */
    private void announceSettingsProblems(Core core) {
        List<SettingsProblem> problems = core.settings().loadProblems();
        if (problems.isEmpty()) {
            return;
        }
        String message = "Some settings could not be read, so Jarvis uses their defaults: " + problems.getFirst().message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; see Settings)" : "");
        window.showMessage(message);
        core.bus().publish(Notice.warning("settings", message));
    }

    private void firstFrame() {
        if (!firstFrameShown && stage.isShowing()) {
            firstFrameShown = true;
            if (Boolean.getBoolean("jarvis.reportFirstFrame")) {
                System.out.println("JARVIS_FIRST_FRAME");
                System.out.flush();
            }
            afterFirstFrame.run();
        }
    }

    /**
     * The Chat area is ready to use: the database migrated, the conversations listed, the caret in the input box. A
     * training run for the ahead-of-time cache ({@code jarvis.exitWhenReady}) closes the window here and so exits
     * normally, which is when the JVM writes the cache.
     */
    private void ready() {
        if (Boolean.getBoolean("jarvis.reportFirstFrame")) {
            System.out.println("JARVIS_READY");
            System.out.flush();
        }
        if (Boolean.getBoolean("jarvis.exitWhenReady")) {
            stage.close();
        }
    }

    public MainWindow window() {
        return window;
    }

    public Stage stage() {
        return stage;
    }

    void comeToFront() {
        LoggerFactory.getLogger(DesktopShell.class).info("Another start on this data folder was refused; coming to the front");
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
        window.showMessage("Another Jarvis tried to open on this data folder and was refused; this window stays the one in use.");
    }

    public void close() {
        if (chatView != null) {
            placement.rememberPart(CHAT_LIST_WIDTH, chatView.listWidth());
        }
        placement.save(stage);
        activity.detach();
        status.detach();
        if (homeModel != null) {
            homeModel.detach();
        }
        closeStudio.run();
        if (voice != null) {
            voice.close();
        }
        subscriptions.forEach(Subscription::close);
    }
}
