package jarvis.ui.chat;

import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One message in the open conversation; a reply's text and thinking grow while it streams. */
public final class MessageItem {

    private long id;
    private final ChatMessage.Role role;
    private final String tier;
    private final String model;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty thinking = new SimpleStringProperty("");
    private final ObjectProperty<MessageState> state = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<RouteRecord> route = new SimpleObjectProperty<>();
    private final ObjectProperty<Boolean> verdict = new SimpleObjectProperty<>();
    private final ObjectProperty<List<MessageItem>> earlier = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Waiting> waiting = new SimpleObjectProperty<>();
    private final ObservableList<ToolRunner.Card> cards = FXCollections.observableArrayList();
    private String question;
    private MessageItem folded;

    public MessageItem(long id, ChatMessage.Role role, String tier, String model, String text, MessageState state) {
        this.id = id;
        this.role = role;
        this.tier = tier;
        this.model = model;
        this.text.set(text);
        this.state.set(state);
    }

    static MessageItem of(StoredMessage message) {
        MessageItem item = new MessageItem(message.id(), message.role(), message.tier(), message.model(), message.content(), message.state());
        item.thinking.set(message.thinking() == null ? "" : message.thinking());
        item.error.set(message.error() == null ? "" : message.error());
        return item;
    }

    /**
     * Takes the stored state of this same message (its id once saved, its final text, state and route), touching only
     * what differs so that views listening to this item alone redraw. False when {@code stored} is another message or
     * changed shape (a local answer folded away), which needs a view of its own.
     */
    boolean settle(MessageItem stored) {
        if (stored.role != role || (id >= 0 && stored.id != id) || (stored.state.get() == MessageState.SUPERSEDED) != (state.get() == MessageState.SUPERSEDED)) {
            return false;
        }
        id = stored.id;
        setIfChanged(text, stored.text.get());
        setIfChanged(thinking, stored.thinking.get());
        setIfChanged(error, stored.error.get());
        setIfChanged(state, stored.state.get());
        setIfChanged(route, stored.route.get());
        setIfChanged(earlier, stored.earlier.get());
        // Cards seen live keep their Undo; the stored ones fill in a reply that was not followed live.
        if (cards.isEmpty() && !stored.cards.isEmpty()) {
            cards.setAll(stored.cards);
        }
        if (state.get() != MessageState.STREAMING) {
            waiting.set(null);
        }
        return true;
    }

    private static <T> void setIfChanged(Property<T> property, T value) {
        if (!Objects.equals(property.getValue(), value)) {
            property.setValue(value);
        }
    }

    /**
     * Marks this reply as an earlier version (it is not copied): {@code earlierWording} is the question it answered if
     * the person has since edited it, {@code localAnswer} the local answer an escalation folded beside it, or null.
     */
    MessageItem markEarlier(String earlierWording, MessageItem localAnswer) {
        question = earlierWording;
        folded = localAnswer;
        return this;
    }

    public long id() { return id; }
    public ChatMessage.Role role() { return role; }
    public boolean fromPerson() { return role == ChatMessage.Role.USER; }
    public String tier() { return tier; }
    public String model() { return model; }
    public StringProperty text() { return text; }
    public StringProperty thinking() { return thinking; }
    public ObjectProperty<MessageState> state() { return state; }
    public StringProperty error() { return error; }
    public ObjectProperty<RouteRecord> route() { return route; }
    /** The person's thumbs up (true) or down (false) on this reply, or null. */
    public ObjectProperty<Boolean> verdict() { return verdict; }
    /** The earlier versions this reply replaced (Regenerate, Ask the cloud, an edit), oldest first. */
    public ObjectProperty<List<MessageItem>> earlier() { return earlier; }
    /** For an earlier version: the person's earlier wording of the question it answered, or null when it is the same. */
    public String question() { return question; }
    /** For an earlier version: the local answer folded beside it when it escalated, or null. */
    public MessageItem folded() { return folded; }
    /** The tool calls behind this reply, as cards: what was done, refused or failed, with Undo where it can be. */
    public ObservableList<ToolRunner.Card> cards() { return cards; }
    /** What a reply that has no text yet is waiting for; null once it has text or has ended. */
    public ObjectProperty<Waiting> waiting() { return waiting; }
}
