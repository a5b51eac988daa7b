package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.StreamListener;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.tools.ToolRunner;

/**
 * Follows one turn as it happens: which reply starts streaming (first the local one; after an escalation the cloud
 * one), its text and thinking as they arrive, and the outcome. Calls come on the turn's thread, in order.
 */
public interface TurnListener extends StreamListener {

    default void onReplyStarted(StoredMessage reply, Tier tier, String model) {}

    /** The local answer stands no longer: a cloud answer follows, for this reason. */
    default void onEscalation(String reason) {}

    /** A tool call was carried out (or refused, or failed) for the reply streaming now: its card. */
    default void onToolCall(ToolRunner.Card card) {}

    TurnListener NONE = new TurnListener() {};
}
