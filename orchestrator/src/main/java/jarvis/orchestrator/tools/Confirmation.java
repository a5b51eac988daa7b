package jarvis.orchestrator.tools;

import java.time.Instant;

/** A person's answer to a confirmation request: by whom and when, or that it expired or no one could be asked. */
public record Confirmation(Decision decision, String by, Instant at) {

    public enum Decision {
        CONFIRMED, REFUSED, EXPIRED,
        /** No person could be asked (a command line with no terminal): refused. */
        NO_ONE_TO_ASK,
        /** Nothing needed confirming. */
        NOT_NEEDED
    }

    public boolean confirmed() {
        return decision == Decision.CONFIRMED || decision == Decision.NOT_NEEDED;
    }
}
