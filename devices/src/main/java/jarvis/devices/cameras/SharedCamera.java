package jarvis.devices.cameras;

import java.time.Clock;
import java.time.Duration;

/**
 * One camera shared by whoever reads it (the Cameras area, a printer's tile, the failure watch): one read at a time,
 * and a picture taken a moment ago handed to a reader who asks just after. A Bambu P1 serves two streams at most,
 * and a camera behind a login is asked to log in once, not by each reader.
 */
public final class SharedCamera implements Camera {

    /** A picture this young is handed on rather than taken again. */
    static final Duration FRESH = Duration.ofMillis(250);

    private final Camera camera;
    private final Clock clock;
    private Frame last;

    public SharedCamera(Camera camera, Clock clock) {
        this.camera = camera;
        this.clock = clock;
    }

    @Override
    public String name() {
        return camera.name();
    }

    @Override
    public synchronized Frame snapshot() throws CameraException {
        if (last != null && last.at().isAfter(clock.instant().minus(FRESH))) {
            return last;
        }
        last = camera.snapshot();
        return last;
    }
}
