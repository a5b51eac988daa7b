package jarvis.ui.chat;

import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ContextFitter;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.conversation.Turn;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.routing.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat area's model: the conversation list ({@link ConversationList}), the open conversation and its messages,
 * the draft with its context warning, and the commands send, stop, regenerate and ask the cloud.
 * Streamed text reaches the UI executor at most once per hand-over, however fast tokens arrive.
 */
public final class ChatViewModel {

    /** What the conversation is doing. */
    public enum State { IDLE, ANSWERING }

    private final ConversationService service;
    private final ConversationStore store;
    private final IntSupplier contextTokens;
    private final Executor background;
    private final Executor ui;

    private final ObjectProperty<Conversation> selected = new SimpleObjectProperty<>();
    private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
    private final StringProperty draft = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper draftWarning = new ReadOnlyStringWrapper("");
    private final BooleanProperty privateDraft = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final StreamBuffer buffer;
    private final ConversationList list;
    private final AtomicLong loads = new AtomicLong();
    private volatile Turn current;
    private volatile boolean stopRequested;

    public ChatViewModel(ConversationService service, IntSupplier contextTokens, Executor background, Executor ui) {
        this.service = service;
        this.store = service.store();
        this.contextTokens = contextTokens;
        this.background = background;
        this.ui = ui;
        this.buffer = new StreamBuffer(ui);
        draft.addListener((obs, old, text) -> checkDraft(text));
        this.list = new ConversationList(store, background, ui, notice::set, this::closeIfOpen);
    }

    /** The conversation list beside the open conversation. */
    public ConversationList list() {
        return list;
    }

    public void select(Conversation conversation) {
        selected.set(conversation);
        notice.set("");
        loadMessages(conversation);
    }

    /** A new conversation starts with the next message sent. */
    public void newConversation() {
        loads.incrementAndGet();
        selected.set(null);
        messages.clear();
        privateDraft.set(false);
    }

    private void closeIfOpen(Conversation deleted) {
        if (selected.get() != null && selected.get().id().equals(deleted.id())) {
            newConversation();
        }
    }

    public void setPrivate(boolean on) {
        Conversation open = selected.get();
        if (open == null) {
            privateDraft.set(on);
            return;
        }
        background.execute(() -> {
            store.setPrivate(open.id(), on);
            Optional<Conversation> updated = store.find(open.id());
            ui.execute(() -> updated.ifPresent(selected::set));
            list.refreshLater();
        });
    }

    public boolean isPrivate() {
        return selected.get() == null ? privateDraft.get() : selected.get().privateMode();
    }

    // ---- sending ----

    /** Sends the draft; an empty draft or one too long for the context is not sent. */
    public void send() {
        send(draft.get(), false);
    }

    /** Sends the last message again, to the cloud model; a local answer before it counts as not good enough. */
    public void askCloud() {
        lastPersonMessage().ifPresent(text -> {
            judgeLastLocalAnswer(RouterFeedback.Source.ASK_CLOUD);
            send(text, true);
        });
    }

    /** Sends the last message again for a fresh answer; a local answer before it counts as not good enough. */
    public void regenerate() {
        lastPersonMessage().ifPresent(text -> {
            judgeLastLocalAnswer(RouterFeedback.Source.REGENERATE);
            send(text, false);
        });
    }

    /** The person's thumbs up or down on a reply; it teaches the router when the reply's route scored a local answer. */
    public void rate(MessageItem reply, boolean satisfied) {
        reply.verdict().set(satisfied);
        label(reply, satisfied, RouterFeedback.Source.THUMBS);
    }

    private void judgeLastLocalAnswer(RouterFeedback.Source source) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageItem item = messages.get(i);
            if (item.fromPerson()) {
                return;
            }
            RouteRecord route = item.route().get();
            if (route != null && route.features() != null) {
                label(item, false, source);
                return;
            }
        }
    }

    private void label(MessageItem reply, boolean satisfied, RouterFeedback.Source source) {
        RouteRecord route = reply.route().get();
        if (route != null) {
            background.execute(() -> service.rate(route.id(), satisfied, source));
        }
    }

    /** Puts the last message back in the draft to edit; false when there is none or the draft is not empty. */
    public boolean editLast() {
        if (!draft.get().isEmpty()) {
            return false;
        }
        Optional<String> last = lastPersonMessage();
        last.ifPresent(draft::set);
        return last.isPresent();
    }

    /** Stops the reply; what arrived is kept. A stop pressed before the turn has begun stops it as it begins. */
    public void stop() {
        stopRequested = true;
        Turn turn = current;
        if (turn != null) {
            turn.cancel();
        }
    }

    private void send(String text, boolean askCloud) {
        boolean draftTooLong = !draftWarning.get().isEmpty() && text != null && text.equals(draft.get());
        if (draftTooLong) {
            notice.set("Not sent: the text is too long for the model's context (see the warning above the box).");
            return;
        }
        if (text == null || text.isBlank() || state.get() == State.ANSWERING) {
            return;
        }
        stopRequested = false;
        Conversation open = selected.get();
        boolean privately = isPrivate();
        MessageItem mine = new MessageItem(-1, ChatMessage.Role.USER, null, null, text, MessageState.COMPLETE);
        messages.add(mine);
        if (text.equals(draft.get())) {
            draft.set("");
        }
        state.set(State.ANSWERING);
        notice.set("");
        TurnListener listener = new TurnListener() {
            @Override
            public void onReplyStarted(StoredMessage reply, Tier tier, String model) {
                MessageItem item = MessageItem.of(reply);
                buffer.follow(item);
                ui.execute(() -> {
                    if (shows(open, reply.conversationId())) {
                        messages.add(item);
                    }
                });
            }

            @Override
            public void onEscalation(String reason) {
                ui.execute(() -> notice.set("Asking the cloud model: " + reason + "."));
            }

            @Override
            public void onText(String delta) {
                buffer.text(delta);
            }

            @Override
            public void onThinking(String delta) {
                buffer.thinking(delta);
            }
        };
        background.execute(() -> {
            try {
                current = service.send(new TurnRequest(open == null ? null : open.id(), text, privately, askCloud), listener);
                if (stopRequested) {
                    current.cancel();
                }
                TurnResult result = current.result().join();
                List<MessageItem> reloaded = items(result.conversation().id());
                ui.execute(() -> {
                    buffer.follow(null);
                    if (shows(open, result.conversation().id())) {
                        selected.set(result.conversation());
                        settle(reloaded);
                    }
                    state.set(State.IDLE);
                    notice.set(!result.answered() && result.reply().error() != null ? result.reply().error() : "");
                });
                list.refreshLater();
            } catch (RuntimeException e) {
                String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                ui.execute(() -> {
                    state.set(State.IDLE);
                    notice.set("Not sent: " + message + " Your text is kept in the box.");
                    draft.set(text);
                });
            } finally {
                current = null;
            }
        });
    }

    /**
     * Whether the turn begun in {@code open} (null for a new conversation) and now in {@code conversationId} is still the
     * one on screen: the person may have opened another conversation while it answered.
     */
    private boolean shows(Conversation open, String conversationId) {
        Conversation shown = selected.get();
        return shown == null ? open == null : shown.id().equals(conversationId);
    }

    /**
     * Brings the shown messages to their stored state at the end of a turn. Only the turn's own messages differ, and
     * only their views redraw; a message that changed shape is replaced, and a list that does not match is shown anew.
     */
    private void settle(List<MessageItem> stored) {
        if (stored.size() != messages.size()) {
            messages.setAll(stored);
            return;
        }
        for (int i = 0; i < stored.size(); i++) {
            if (!messages.get(i).settle(stored.get(i))) {
                messages.set(i, stored.get(i));
            }
        }
    }

    private Optional<String> lastPersonMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).fromPerson()) {
                return Optional.of(messages.get(i).text().get());
            }
        }
        return Optional.empty();
    }

    private void checkDraft(String text) {
        int estimated = ContextFitter.estimate(text);
        int limit = ContextFitter.budget(contextTokens.getAsInt());
        draftWarning.set(estimated <= limit ? "" : "This text is about " + estimated + " tokens; the model's context leaves room for "
                + limit + ". It would not fit: shorten it, or raise ollama.contextTokens in Settings. Nothing is cut without asking.");
    }

    private void loadMessages(Conversation conversation) {
        // Each load has a number: one overtaken by a newer load (another conversation chosen meanwhile) is not shown.
        long number = loads.incrementAndGet();
        if (conversation == null) {
            messages.clear();
            return;
        }
        background.execute(() -> {
            List<MessageItem> items = items(conversation.id());
            ui.execute(() -> {
                if (loads.get() == number) {
                    messages.setAll(items);
                }
            });
        });
    }

    private List<MessageItem> items(String conversationId) {
        Map<String, RouteRecord> routes = service.routes().ofConversation(conversationId).stream()
                .collect(Collectors.toMap(RouteRecord::id, Function.identity()));
        List<MessageItem> items = new ArrayList<>();
        for (StoredMessage message : store.messages(conversationId)) {
            MessageItem item = MessageItem.of(message);
            item.route().set(message.routeId() == null ? null : routes.get(message.routeId()));
            items.add(item);
        }
        return items;
    }

    public ReadOnlyObjectProperty<Conversation> selected() { return selected; }
    public ObservableList<MessageItem> messages() { return messages; }
    public StringProperty draft() { return draft; }
    public ReadOnlyStringProperty draftWarning() { return draftWarning.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> state() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty notice() { return notice.getReadOnlyProperty(); }
    public BooleanProperty privateDraft() { return privateDraft; }
}
