package jarvis.orchestrator.health;

import java.time.Instant;

/** What the status bar shows for one integration: is it configured, is it reachable, and a line about it. */
public record Health(String integration, Status status, String detail, Instant checkedAt) {

    public enum Status {
        NOT_CONFIGURED, CHECKING, REACHABLE, UNREACHABLE
    }

    public static Health checking(String integration) {
        return new Health(integration, Status.CHECKING, "Checking…", Instant.now());
    }
}
