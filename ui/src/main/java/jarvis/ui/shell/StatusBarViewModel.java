package jarvis.ui.shell;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.Subscription;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthChanged;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The status bar's model: one entry per integration, in a fixed order, updated as health events arrive. */
public final class StatusBarViewModel {

    private final ObservableList<Health> integrations = FXCollections.observableArrayList();
    private final ObservableList<Health> readOnly = FXCollections.unmodifiableObservableList(integrations);
    private final Executor ui;
    private Subscription subscription;

    public StatusBarViewModel(List<String> integrationNames, Executor ui) {
        this.ui = ui;
        integrationNames.forEach(name -> integrations.add(Health.checking(name)));
    }

    /** Shows what is known now, then follows every change. */
    public void attach(EventBus bus, java.util.Collection<Health> known) {
        ui.execute(() -> known.forEach(this::apply));
        subscription = bus.subscribe(HealthChanged.class, event -> ui.execute(() -> apply(event.health())));
    }

    public void detach() {
        if (subscription != null) {
            subscription.close();
        }
    }

    void apply(Health health) {
        for (int i = 0; i < integrations.size(); i++) {
            if (integrations.get(i).integration().equals(health.integration())) {
                integrations.set(i, health);
                return;
            }
        }
        integrations.add(health);
    }

    public ObservableList<Health> integrations() {
        return readOnly;
    }
}
