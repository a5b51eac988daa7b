package jarvis.orchestrator.conversation;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.Event;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import java.time.Instant;
import java.util.Locale;

/** A turn ended: who answered, how fast, and whether it escalated. The text of the conversation is not in it. */
public record TurnCompleted(RouteRecord route, boolean answered) implements Event {
    @Override public CorrelationId correlationId() { return route.correlationId(); }
    @Override public Instant at() { return route.createdAt(); }
    @Override public String topic() { return "chat"; }
    @Override public String summary() {
        String who = route.tier() == Tier.FAST_PATH ? "the fast path" : route.model() + " (" + route.tier().label() + ")";
        String time = route.totalMillis() == null ? "" : String.format(Locale.ROOT, " in %.1f s", route.totalMillis() / 1000.0);
        return (answered ? "Answered by " : "No answer from ") + who + time + (route.escalated() ? ", escalated" : "")
                + (route.score() == null ? "" : String.format(Locale.ROOT, ", local score %.2f", route.score()));
    }
}
