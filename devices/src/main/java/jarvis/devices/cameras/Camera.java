package jarvis.devices.cameras;

/**
 * A camera, whatever serves it (a snapshot URL, an MJPEG stream, Frigate, UniFi Protect, a Bambu printer, Home
 * Assistant): its name and its latest picture, within the driver's timeout, or a failure said in words.
 */
public interface Camera {

    String name();

    Frame snapshot() throws CameraException;
}
