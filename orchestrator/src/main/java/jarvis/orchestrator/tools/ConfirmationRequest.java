package jarvis.orchestrator.tools;

import java.time.Instant;

/**
 * A hazardous action waiting for a person: what it is ("unlock Front door"), the entity's state now, why it waits,
 * who or what asked (the fast path, a click, or which model proposed it), and when the question expires.
 */
public record ConfirmationRequest(String action, String currentState, String why, String requestedBy, Instant asked, Instant expires) {}
