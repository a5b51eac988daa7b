package jarvis.orchestrator.tools;

import java.util.concurrent.CompletableFuture;

/**
 * Asks a person to confirm a hazardous action: the desktop with a dialog, the command line with a y/N prompt. The
 * answer comes only from the person; the future is cancelled when the request expires, and the asker then stops
 * asking (closes its dialog). Nothing a model writes reaches it.
 */
@FunctionalInterface
public interface Confirmer {

    CompletableFuture<Confirmation> ask(ConfirmationRequest request);

    /** For where no person can be asked: every hazardous action is refused, saying so. */
    Confirmer NOBODY = request -> CompletableFuture.completedFuture(
            new Confirmation(Confirmation.Decision.NO_ONE_TO_ASK, null, request.asked()));
}
