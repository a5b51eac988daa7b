package jarvis.orchestrator.tools;

import java.time.Instant;

/**
 * One action in the audit log: when, the request that led to it, the route (or the fast path, or a click) and who
 * proposed it, the tool and its arguments, the hazard class, the confirmation (by whom and when, or refused, expired,
 * not needed), and the result. {@code replyId} ties it to the chat reply whose card shows it.
 */
public record AuditEntry(long id, Instant at, String request, String routeId, Long replyId, String requestedBy, String tool,
                         String arguments, Hazard hazard, Confirmation.Decision confirmation, String confirmedBy, Instant confirmedAt,
                         boolean ok, String result) {}
