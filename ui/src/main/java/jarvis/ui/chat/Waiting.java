package jarvis.ui.chat;

import java.util.concurrent.TimeUnit;

/**
 * What a reply with no text yet is waiting for: the model, since when, and after how many seconds the cloud model
 * takes over (0 when it would not); {@code reason} says why a cloud reply was asked for, if it was.
 */
public record Waiting(String model, long sinceNanos, long takeoverSeconds, String reason) {

    /** "Waiting for llama3.2… the cloud model takes over in 8 s", as it reads at {@code nowNanos}. */
    public String describe(long nowNanos) {
        String waiting = reason == null ? "Waiting for " + model + "…" : "Asking " + model + " (" + reason + ")…";
        if (takeoverSeconds <= 0) {
            return waiting;
        }
        long left = takeoverSeconds - TimeUnit.NANOSECONDS.toSeconds(nowNanos - sinceNanos);
        return left > 0 ? waiting + " the cloud model takes over in " + left + " s" : waiting + " the cloud model is taking over";
    }
}
