package jarvis.devices.watch;

import java.time.Duration;
import java.util.Locale;

/**
 * What the vision model made of one frame of a running print: its call, how sure it is (0 to 1), its reason in a
 * sentence, which model said so, and how long the model itself took.
 */
public record Verdict(Call call, double confidence, String reason, String model, Duration modelTime) {

    /** The model's call on a frame; UNCLEAR when the picture does not show the print well enough to judge. */
    public enum Call {
        OK, WARNING, FAILURE, UNCLEAR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The confidence as a person reads it: "97 %". */
    public String percent() {
        return Math.round(confidence * 100) + " %";
    }
}
