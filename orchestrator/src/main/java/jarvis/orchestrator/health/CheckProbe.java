package jarvis.orchestrator.health;

import java.time.Instant;
import java.util.function.Supplier;

/** A probe over any check that throws with a clear message when the integration cannot work. */
public final class CheckProbe implements HealthProbe {

    private final String integration;
    private final boolean required;
    private final Supplier<String> check;

    /** {@code check} returns a line describing the healthy integration, or throws. */
    public CheckProbe(String integration, boolean required, Supplier<String> check) {
        this.integration = integration;
        this.required = required;
        this.check = check;
    }

    @Override
    public String integration() {
        return integration;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public Health check() {
        try {
            return new Health(integration, Health.Status.REACHABLE, check.get(), Instant.now());
        } catch (NotReadyException e) {
            return new Health(integration, Health.Status.CHECKING, e.getMessage(), Instant.now());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Health(integration, Health.Status.UNREACHABLE, message, Instant.now());
        }
    }
}
