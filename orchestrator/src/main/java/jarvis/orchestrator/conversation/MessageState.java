package jarvis.orchestrator.conversation;

/** Where a stored message stands. */
public enum MessageState {
    /** Whole: the person's message, or a reply that finished. */
    COMPLETE,
    /** A reply still arriving; rewritten as it grows. */
    STREAMING,
    /** A reply cut off by a stop of the app; what was shown is kept. */
    INTERRUPTED,
    /** A reply the person stopped; what arrived is kept. */
    STOPPED,
    /** A reply the server cut off or that stopped arriving; what arrived is kept and marked, {@code error} says why. */
    CUT,
    /** A reply that failed; {@code error} says why and how to fix it. */
    FAILED,
    /** A local answer an escalated cloud answer replaced; kept, folded, beside it. */
    SUPERSEDED,
    /**
     * An earlier version the person replaced: a reply answered again (Regenerate, Ask the cloud), or the wording of
     * a message they edited. Kept and reachable, never sent to a model again.
     */
    EARLIER
}
