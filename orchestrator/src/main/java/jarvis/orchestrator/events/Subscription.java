package jarvis.orchestrator.events;

/** Ends a subscription; views call it when they detach. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
