package jarvis.orchestrator.models;

import java.util.concurrent.CompletableFuture;

/**
 * An answer being streamed. {@link #result()} completes with the whole answer, or with what arrived and
 * {@link FinishReason#CANCELLED} after {@link #cancel()}, or exceptionally with a {@link ProviderException}.
 */
public interface ChatStream {

    CompletableFuture<ChatResult> result();

    /** Stops reading; what arrived so far is kept in the result. */
    void cancel();
}
