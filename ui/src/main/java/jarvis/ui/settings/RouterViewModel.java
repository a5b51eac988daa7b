package jarvis.ui.settings;

import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.routing.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Router: the share of turns answered on this machine, the person's verdicts per local model, the rule
 * each model is scored by, its reliability diagram, and a reset to the default rule.
 */
public final class RouterViewModel {

    private static final Duration WINDOW = Duration.ofDays(30);

    private final CompletableFuture<RouteLog> routes;
    private final CompletableFuture<RouterFeedback> feedback;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyStringWrapper localShare = new ReadOnlyStringWrapper("");
    private final ObservableList<RouterFeedback.ModelCalibration> models = FXCollections.observableArrayList();

    public RouterViewModel(CompletableFuture<RouteLog> routes, CompletableFuture<RouterFeedback> feedback, Executor background, Executor ui) {
        this.routes = routes;
        this.feedback = feedback;
        this.background = background;
        this.ui = ui;
    }

    public void refresh() {
        background.execute(() -> {
            List<RouteRecord> recent = routes.join().since(Instant.now().minus(WINDOW));
            long local = recent.stream().filter(route -> route.tier() != Tier.CLOUD).count();
            String share = recent.isEmpty() ? "No turns in the last 30 days."
                    : Math.round(100.0 * local / recent.size()) + " % of " + recent.size() + " turns in the last 30 days were answered on this machine.";
            List<RouterFeedback.ModelCalibration> calibrations = feedback.join().calibrations();
            ui.execute(() -> {
                localShare.set(share);
                models.setAll(calibrations);
            });
        });
    }

    /** Forgets every verdict and fitted rule: every model is scored by the default rule again. */
    public void reset() {
        background.execute(() -> {
            feedback.join().reset();
            refresh();
        });
    }

    public ReadOnlyStringProperty localShare() { return localShare.getReadOnlyProperty(); }
    public ObservableList<RouterFeedback.ModelCalibration> models() { return models; }
}
