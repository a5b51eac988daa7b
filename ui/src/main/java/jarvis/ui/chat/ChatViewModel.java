package jarvis.ui.chat;

import jarvis.orchestrator.conversation.ContextFitter;
import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.conversation.Turn;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.RouterFeedback;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canAnswerAgain;
    private final BooleanBinding privateNow;
    private final ReadOnlyBooleanWrapper cloudReady = new ReadOnlyBooleanWrapper(true);
    private final StreamBuffer buffer;
    private final ConversationList list;
    private final ConversationReader reader;
    private final AtomicLong loads = new AtomicLong();
    private volatile Turn current;
    private volatile ReplyVoice voice = ReplyVoice.SILENT;
    private volatile boolean stopRequested;

    public ChatViewModel(ConversationService service, IntSupplier contextTokens, Executor background, Executor ui) {
        this.service = service;
        this.store = service.store();
        this.contextTokens = contextTokens;
        this.background = background;
        this.ui = ui;
        this.buffer = new StreamBuffer(ui);
        this.reader = new ConversationReader(service);
        draft.addListener((obs, old, text) -> {
            checkDraft(text);
            if (text.isEmpty()) {
                editing.set(false);
            }
        });
        this.list = new ConversationList(store, background, ui, notice::set, this::closeIfOpen);
        this.canAnswerAgain = Bindings.createBooleanBinding(() -> state.get() == State.IDLE && lastPersonIndex() >= 0, state, messages);
        this.privateNow = Bindings.createBooleanBinding(this::isPrivate, selected, privateDraft);
        refreshCloud();
    }

    /** The conversation list beside the open conversation. */
    public ConversationList list() {
        return list;
    }

    public void select(Conversation conversation) {
        selected.set(conversation);
        notice.set("");
        problem.set("");
        editing.set(false);
        loadMessages(conversation);
    }

    /** A new conversation starts with the next message sent. */
    public void newConversation() {
        loads.incrementAndGet();
        selected.set(null);
        messages.clear();
        privateDraft.set(false);
        problem.set("");
        editing.set(false);
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

    /** Speaks replies from now on with {@code spoken} (or {@link ReplyVoice#SILENT}). */
    public void speakWith(ReplyVoice spoken) {
        this.voice = spoken;
    }

    /**
     * What the person said, into the chat box; sent at once unless they review it first, or the box held words of theirs
     * already (then it is added after them, to send together), or they are editing, or a reply is still coming. It takes
     * the same way as typed words: the fast path, then the router.
     */
    public void said(String text, boolean review) {
        String before = draft.get();
        draft.set(before.isBlank() ? text : before.stripTrailing() + " " + text);
        if (state.get() == State.ANSWERING) {
            problem.set("What you said is in the box: send it when the reply is done.");
        } else if (!review && before.isBlank() && !editing.get()) {
            send();
        }
    }

    /** Sends the draft; an empty draft or one too long for the context is not sent. While editing, it replaces the last message. */
    public void send() {
        send(draft.get(), false, editing.get());
    }

    /** Answers the last message again with the cloud model, replacing the reply; a local answer there counts as not good enough. */
    public void askCloud() {
        lastPersonMessage().ifPresent(text -> {
            judgeLastLocalAnswer(RouterFeedback.Source.ASK_CLOUD);
            send(text, true, true);
        });
    }

    /** Answers the last message again, replacing the reply; a local answer there counts as not good enough. */
    public void regenerate() {
        lastPersonMessage().ifPresent(text -> {
            judgeLastLocalAnswer(RouterFeedback.Source.REGENERATE);
            send(text, false, true);
        });
    }

    /** Answers the last message again after a failure; a failed reply judges nothing. */
    public void retry() {
        lastPersonMessage().ifPresent(text -> send(text, false, true));
    }

    /** Renames a conversation; the open one's title changes at once. */
    public void rename(Conversation conversation, String title) {
        list.rename(conversation, title);
        Conversation open = selected.get();
        if (open != null && open.id().equals(conversation.id()) && title != null && !title.isBlank()) {
            selected.set(new Conversation(open.id(), title.strip(), open.pinned(), open.privateMode(), open.model(), open.createdAt(),
                    open.updatedAt()));
        }
    }

    /** Undoes a card's change off the UI thread, through the same runner (and audit log) that made it; the answer on the UI thread. */
    public CompletableFuture<String> undo(ToolRunner.Card card) {
        CompletableFuture<String> said = new CompletableFuture<>();
        background.execute(() -> {
            try {
                String done = service.tools().orElseThrow().runner().undo(card, new ToolRunner.Asker("Undo " + card.description(),
                        "a click in the chat"));
                ui.execute(() -> said.complete(done));
            } catch (ToolException | RuntimeException e) {
                ui.execute(() -> said.completeExceptionally(e));
            }
        });
        return said;
    }

    /** Whether {@code reply} answers the last message (only such a reply can be retried); follows the messages. */
    public BooleanBinding answersLast(MessageItem reply) {
        return Bindings.createBooleanBinding(() -> {
            int at = messages.indexOf(reply);
            return at >= 0 && at > lastPersonIndex();
        }, messages);
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

    /**
     * Puts the last message in the draft to edit; sending it then replaces that message and its reply, keeping the
     * earlier wording and reply as an earlier version. False when there is none, the draft is not empty, or a reply
     * is arriving.
     */
    public boolean editLast() {
        if (!draft.get().isEmpty() || state.get() == State.ANSWERING) {
            return false;
        }
        Optional<String> last = lastPersonMessage();
        last.ifPresent(text -> {
            draft.set(text);
            editing.set(true);
        });
        return last.isPresent();
    }

    /** Leaves editing the last message; the draft is cleared. */
    public void cancelEdit() {
        if (editing.get()) {
            draft.set("");
        }
    }

    /** Stops the reply; what arrived is kept. A stop pressed before the turn has begun stops it as it begins. */
    public void stop() {
        voice.stop();
        stopRequested = true;
        Turn turn = current;
        if (turn != null) {
            turn.cancel();
        }
    }

    private void send(String text, boolean askCloud, boolean replaceLast) {
        boolean draftTooLong = !draftWarning.get().isEmpty() && text != null && text.equals(draft.get());
        if (draftTooLong) {
            problem.set("Not sent: the text is too long for the model's context (see the warning above the box).");
            return;
        }
        Conversation open = selected.get();
        if (text == null || text.isBlank() || state.get() == State.ANSWERING || (replaceLast && (open == null || lastPersonIndex() < 0))) {
            return;
        }
        stopRequested = false;
        boolean privately = isPrivate();
        boolean wasEdit = editing.get();
        List<MessageItem> replaced = replaceLast ? takeLastReplies(text) : List.of();
        if (!replaceLast) {
            messages.add(new MessageItem(-1, ChatMessage.Role.USER, null, null, text, MessageState.COMPLETE));
        }
        if (text.equals(draft.get())) {
            draft.set("");
        }
        editing.set(false);
        state.set(State.ANSWERING);
        problem.set("");
        ReplyVoice.Follower spoken = voice.follow();
        TurnListener listener = new BothListeners(new ReplyFollower(buffer, replaced, () -> service.cloudTakeover(privately),
                item -> ui.execute(() -> {
                    if (shows(open, item.conversationId())) {
                        messages.add(item.item());
                    }
                })), spoken);
        background.execute(() -> {
            try {
                current = service.send(new TurnRequest(open == null ? null : open.id(), text, privately, askCloud, replaceLast), listener);
                if (stopRequested) {
                    current.cancel();
                }
                TurnResult result = current.result().join();
                spoken.finished();
                List<MessageItem> reloaded = reader.read(result.conversation().id());
                ui.execute(() -> {
                    buffer.follow(null);
                    if (shows(open, result.conversation().id())) {
                        selected.set(result.conversation());
                        settle(reloaded);
                    }
                    state.set(State.IDLE);
                });
                list.refreshLater();
            } catch (RuntimeException e) {
                String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                List<MessageItem> reloaded = open == null ? List.of() : reader.read(open.id());
                ui.execute(() -> {
                    state.set(State.IDLE);
                    // The text goes back in the box unless the person has begun another: nothing typed is written over.
                    // A Regenerate or Ask the cloud came from a button, not the box: its text is not put there to be sent again.
                    if (draft.get().isEmpty() && (!replaceLast || wasEdit)) {
                        draft.set(text);
                        editing.set(wasEdit);
                    }
                    problem.set("Not sent: " + message + (draft.get().equals(text) ? " Your text is kept in the box." : ""));
                    if (open != null && shows(open, open.id())) {
                        messages.setAll(reloaded);
                    }
                });
            } finally {
                current = null;
                refreshCloud();
            }
        });
    }

    /** Finds out, in the background, whether a cloud model could be asked at all (Ask the cloud follows it). */
    public void refreshCloud() {
        try {
            background.execute(() -> {
                boolean ready = service.cloudConfigured();
                ui.execute(() -> cloudReady.set(ready));
            });
        } catch (RejectedExecutionException e) {
            // Jarvis is closing: a turn that ended as it closed has no one left to tell.
        }
    }

    /**
     * Takes the last message's replies off the screen before it is answered again, and returns them as the earlier
     * versions the new reply carries; an edit changes the message in place.
     */
    private List<MessageItem> takeLastReplies(String text) {
        int person = lastPersonIndex();
        MessageItem question = messages.get(person);
        String wording = question.text().get().equals(text) ? null : question.text().get();
        List<MessageItem> versions = new ArrayList<>();
        MessageItem fold = null;
        for (MessageItem reply : messages.subList(person + 1, messages.size())) {
            if (reply.state().get() == MessageState.SUPERSEDED) {
                fold = reply;
            } else {
                versions.addAll(reply.earlier().get());
                versions.add(reply.markEarlier(wording, fold));
                fold = null;
            }
        }
        messages.remove(person + 1, messages.size());
        question.text().set(text);
        return List.copyOf(versions);
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
        int index = lastPersonIndex();
        return index < 0 ? Optional.empty() : Optional.of(messages.get(index).text().get());
    }

    private int lastPersonIndex() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).fromPerson()) {
                return i;
            }
        }
        return -1;
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
            List<MessageItem> items = reader.read(conversation.id());
            ui.execute(() -> {
                if (loads.get() == number) {
                    messages.setAll(items);
                }
            });
        });
    }

    public ReadOnlyObjectProperty<Conversation> selected() { return selected; }
    public ObservableList<MessageItem> messages() { return messages; }
    public StringProperty draft() { return draft; }
    public ReadOnlyStringProperty draftWarning() { return draftWarning.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> state() { return state.getReadOnlyProperty(); }
    /** What the conversation list has to say (a deletion to undo). */
    public ReadOnlyStringProperty notice() { return notice.getReadOnlyProperty(); }
    /** Why the last message could not be sent, shown by the input box. */
    public ReadOnlyStringProperty problem() { return problem.getReadOnlyProperty(); }
    /** Whether the draft is an edit of the last message. */
    public ReadOnlyBooleanProperty editing() { return editing.getReadOnlyProperty(); }
    /** Whether Regenerate and Ask the cloud can act: a message to answer again, and no reply arriving. */
    public BooleanBinding canAnswerAgain() { return canAnswerAgain; }
    /** Whether a cloud model is set up (chosen, with its key, offline mode off), as last found out. */
    public ReadOnlyBooleanProperty cloudReady() { return cloudReady.getReadOnlyProperty(); }
    /** Whether the open conversation (or the next new one) is private. */
    public BooleanBinding privateNow() { return privateNow; }
    public BooleanProperty privateDraft() { return privateDraft; }
}
