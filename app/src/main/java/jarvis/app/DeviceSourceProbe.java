package jarvis.app;

import jarvis.devices.home.Connection;
import jarvis.devices.home.DeviceSource;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A device source's entry in the status bar and in {@code doctor} (Home Assistant, the MQTT broker): the live
 * connection's own state (connected, not set up, or why it is down), waiting a moment for a connection still being made.
 */
final class DeviceSourceProbe implements HealthProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final String integration;
    private final Supplier<? extends DeviceSource> source;

    DeviceSourceProbe(String integration, Supplier<? extends DeviceSource> source) {
        this.integration = integration;
        this.source = source;
    }

    @Override
    public String integration() {
        return integration;
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public Health check() {
        Connection now;
        try {
            now = source.get().awaitConnection(PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            now = source.get().connection();
        }
        Health.Status status = switch (now.status()) {
            case CONNECTED -> Health.Status.REACHABLE;
            case NOT_CONFIGURED -> Health.Status.NOT_CONFIGURED;
            case CONNECTING -> Health.Status.CHECKING;
            case DOWN, REFUSED -> Health.Status.UNREACHABLE;
        };
        return new Health(integration(), status, now.detail(), Instant.now());
    }
}
