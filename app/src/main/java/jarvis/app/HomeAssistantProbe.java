package jarvis.app;

import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Home Assistant's entry in the status bar and in {@code doctor}: the live connection's own state (connected, not set
 * up, or why it is down), waiting a moment for a connection still being made.
 */
final class HomeAssistantProbe implements HealthProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Supplier<HomeAssistant> home;

    HomeAssistantProbe(Supplier<HomeAssistant> home) {
        this.home = home;
    }

    @Override
    public String integration() {
        return Probes.HOME_ASSISTANT;
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public Health check() {
        HomeAssistant.Connection now;
        try {
            now = home.get().awaitConnection(PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            now = home.get().connection();
        }
        Health.Status status = switch (now.status()) {
            case CONNECTED -> Health.Status.REACHABLE;
            case NOT_CONFIGURED -> Health.Status.NOT_CONFIGURED;
            case CONNECTING -> Health.Status.CHECKING;
            case DOWN, TOKEN_REFUSED -> Health.Status.UNREACHABLE;
        };
        return new Health(integration(), status, now.detail(), Instant.now());
    }
}
