package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as a person reads it: each message once, in order, with the earlier versions a reply replaced
 * (Regenerate, Ask the cloud, an edited message) carried by the reply that replaced them, and a local answer an
 * escalation folded away shown only beside the reply it was folded beside.
 */
public final class ReadingOrder {

    /** A message to show, with the earlier versions it replaced, oldest first (none for most messages). */
    public record Shown(StoredMessage message, List<Version> earlier) {}

    /**
     * An earlier reply; the person's earlier wording of the question it answered when they have since edited it (else
     * null); and the local answer an escalation folded beside it (else null).
     */
    public record Version(StoredMessage reply, String question, StoredMessage fold) {}

    private final List<Shown> shown = new ArrayList<>();
    private final List<Version> pending = new ArrayList<>();
    private String earlierWording;
    private boolean editing;
    private StoredMessage fold;

    private ReadingOrder() {}

    /** Arranges {@code messages}, stored order, for reading. */
    public static List<Shown> of(List<StoredMessage> messages) {
        ReadingOrder order = new ReadingOrder();
        messages.forEach(order::take);
        order.flush();
        return order.shown;
    }

    private void take(StoredMessage message) {
        boolean earlier = message.state() == MessageState.EARLIER;
        if (message.role() == ChatMessage.Role.USER) {
            if (!editing) {
                flush();
            }
            editing = earlier;
            earlierWording = earlier ? message.content() : null;
            if (!earlier) {
                shown.add(new Shown(message, List.of()));
            }
        } else if (message.state() == MessageState.SUPERSEDED) {
            fold = message;
        } else if (earlier) {
            pending.add(new Version(message, earlierWording, fold));
            fold = null;
        } else {
            if (fold != null) {
                shown.add(new Shown(fold, List.of()));
                fold = null;
            }
            shown.add(new Shown(message, List.copyOf(pending)));
            pending.clear();
            earlierWording = null;
        }
    }

    /** Earlier versions whose replacement never arrived (a turn stopped by a crash): the newest is shown, carrying the rest. */
    private void flush() {
        if (!pending.isEmpty()) {
            Version newest = pending.removeLast();
            shown.add(new Shown(newest.reply(), List.copyOf(pending)));
            pending.clear();
        }
        earlierWording = null;
        fold = null;
    }
}
