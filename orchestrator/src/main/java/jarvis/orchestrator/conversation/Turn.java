package jarvis.orchestrator.conversation;

import java.util.concurrent.CompletableFuture;

/** A turn under way. */
public interface Turn {

    CompletableFuture<TurnResult> result();

    /** Stops the reply; what arrived is kept, marked stopped. */
    void cancel();
}
