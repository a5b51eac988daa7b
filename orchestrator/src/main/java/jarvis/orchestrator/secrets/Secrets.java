package jarvis.orchestrator.secrets;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The secrets the app reads: the environment's variable first, else the secret store. */
public final class Secrets {

    private final SecretStore store;
    private final Map<String, String> environment;
    private final EventBus bus;

    public Secrets(SecretStore store, Map<String, String> environment, EventBus bus) {
        this.store = store;
        this.environment = Map.copyOf(environment);
        this.bus = bus;
    }

    public Optional<Secret> get(SecretName name) {
        Optional<String> fromEnvironment = name.environmentVariable().map(environment::get).filter(v -> !v.isBlank());
        return fromEnvironment.map(Secret::new).or(() -> store.get(name.name()));
    }

    public boolean isSet(SecretName name) {
        return get(name).isPresent();
    }

    public boolean fromEnvironment(SecretName name) {
        return name.environmentVariable().map(environment::get).filter(v -> !v.isBlank()).isPresent();
    }

    public void put(SecretName name, Secret value) {
        if (value.isBlank()) {
            store.delete(name.name());
        } else {
            store.put(name.name(), value);
        }
        bus.publish(new SecretChanged(CorrelationId.next(), Instant.now(), name.name(), !value.isBlank()));
    }

    public SecretStore store() {
        return store;
    }
}
