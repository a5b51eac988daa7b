package jarvis.orchestrator.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent events, newest first, for the Activity list and {@code jarvis doctor}. */
public final class EventLog {

    private final int capacity;
    private final Deque<Event> events = new ArrayDeque<>();

    public EventLog(EventBus bus, int capacity) {
        this.capacity = capacity;
        bus.subscribe(Event.class, this::record);
    }

    private synchronized void record(Event event) {
        events.addFirst(event);
        while (events.size() > capacity) {
            events.removeLast();
        }
    }

    public synchronized List<Event> newestFirst() {
        return new ArrayList<>(events);
    }
}
