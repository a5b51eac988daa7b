package jarvis.orchestrator.conversation;

import jarvis.orchestrator.routing.RouteRecord;
import java.util.Optional;

/**
 * How a turn ended: the reply that stands (complete, stopped or failed with its error), the local answer an
 * escalation replaced (kept, folded), and the route record.
 */
public record TurnResult(Conversation conversation, StoredMessage reply, Optional<StoredMessage> replacedLocalAnswer,
                         RouteRecord route, TurnTimings timings) {

    public TurnResult(Conversation conversation, StoredMessage reply, Optional<StoredMessage> replacedLocalAnswer, RouteRecord route) {
        this(conversation, reply, replacedLocalAnswer, route, TurnTimings.NONE);
    }

    TurnResult timed(TurnTimings measured) {
        return new TurnResult(conversation, reply, replacedLocalAnswer, route, measured);
    }

    public boolean answered() {
        return reply.state() == MessageState.COMPLETE || reply.state() == MessageState.STOPPED;
    }
}
