package jarvis.devices.printers;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A printer as last read: what it is doing (for logic), the printer's own words for it (for display), the job with
 * its progress, each heater's actual and target temperature, the filament where the printer says (its type and
 * colour, or how much the job uses), and its light where it has one Jarvis can switch, read at {@code at}.
 */
public record PrinterStatus(State state, String stateText, Optional<Job> job, Map<String, Temperature> temperatures, Optional<String> filament,
                            Optional<Boolean> light, Instant at) {

    /** What a printer is doing, whatever its kind calls it. */
    public enum State {
        /** No printer connected to the server, or the server cannot be reached. */
        OFFLINE,
        IDLE,
        PRINTING,
        PAUSED,
        /** Starting, pausing, resuming, cancelling or finishing: a command is under way. */
        BUSY,
        ERROR
    }

    /** The job: its file, progress from 0 to 1, time printed, time left when the printer estimates it, and its layers when known. */
    public record Job(String file, double progress, Duration printed, Optional<Duration> left, Optional<Layers> layers) {

        public Job(String file, double progress, Duration printed, Optional<Duration> left) {
            this(file, progress, printed, left, Optional.empty());
        }
    }

    /** The layer being printed, of how many. */
    public record Layers(int current, int total) {}

    /** One heater: its temperature now and the one it is heading for (0 when off). */
    public record Temperature(double actual, double target) {}

    public PrinterStatus {
        // In the driver's order (nozzle, bed, chamber), for lists and sentences that read the same each time.
        temperatures = Collections.unmodifiableMap(new LinkedHashMap<>(temperatures));
    }

    /** A printer that reports no filament and has no light Jarvis knows. */
    public PrinterStatus(State state, String stateText, Optional<Job> job, Map<String, Temperature> temperatures, Instant at) {
        this(state, stateText, job, temperatures, Optional.empty(), Optional.empty(), at);
    }
}
