package jarvis.devices.home;

import java.time.Instant;

/** How a source's connection stands, since when, and a line about it a person can act on. */
public record Connection(Status status, String detail, Instant since) {

    public enum Status {
        NOT_CONFIGURED, CONNECTING, CONNECTED, DOWN,
        /** The server refused the credentials: not tried again until they change. */
        REFUSED
    }

    public boolean connected() {
        return status == Status.CONNECTED;
    }
}
