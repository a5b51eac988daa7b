package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.routing.Tier;
import java.time.Instant;

/**
 * A request to a model failed on its server. The status bar takes it as news of that server at once, instead of
 * waiting for its next check.
 */
public record ModelFailed(CorrelationId correlationId, Instant at, Tier tier, String model, ProviderException.Kind kind,
                          String detail) implements Event {
    @Override public String topic() { return "chat"; }
    @Override public String summary() {
        return model + " (" + tier.label() + ") failed: " + detail;
    }
}
