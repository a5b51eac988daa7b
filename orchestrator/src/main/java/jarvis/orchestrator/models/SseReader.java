package jarvis.orchestrator.models;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Server-sent events, read one at a time: {@code event:} names it, {@code data:} lines are joined with a
 * newline, lines starting with {@code :} are comments, and a blank line ends the event. CRLF or LF.
 */
public final class SseReader {

    /** One event; {@code name} is "message" when the server gave none. */
    public record Event(String name, String data) {}

    private final BufferedReader reader;

    public SseReader(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        return data == null ? null : new Event(name == null ? "message" : name, data.toString());
    }
}
