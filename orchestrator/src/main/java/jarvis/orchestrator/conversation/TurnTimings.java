package jarvis.orchestrator.conversation;

/**
 * How a turn spent its time, from its own clock: from the turn's start to its result, and how much of that the models
 * took (each from the request leaving to the stream's end). The rest is what Jarvis itself added: opening, routing,
 * scoring, the gate, the spend query, saving and recording.
 */
public record TurnTimings(long totalNanos, long modelNanos) {

    public static final TurnTimings NONE = new TurnTimings(0, 0);

    public long overheadNanos() {
        return Math.max(0, totalNanos - modelNanos);
    }
}
