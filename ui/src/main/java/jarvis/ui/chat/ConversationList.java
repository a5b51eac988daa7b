package jarvis.ui.chat;

import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationStore;
import jarvis.orchestrator.conversation.SearchHit;
import jarvis.orchestrator.conversation.StoredMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat area's conversation list: searched as the person types (once typing pauses), renamed, pinned, deleted with
 * undo. Each listing has a number; one that a newer listing has overtaken neither runs nor shows its result.
 */
public final class ConversationList {

    /** How long typing in the search box must pause before the search runs. */
    static final long SEARCH_PAUSE_MILLIS = 200;
    /** How many matching messages a search reads to find their conversations. */
    public static final int SEARCH_LIMIT = 200;

    private final ConversationStore store;
    private final Executor background;
    private final Executor ui;
    private final Consumer<String> notice;
    private final Consumer<Conversation> onDeleted;
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final AtomicLong listings = new AtomicLong();
    private final CompletableFuture<Void> firstListing = new CompletableFuture<>();
    private Conversation lastDeleted;

    /**
     * @param notice    where what happened is said (on the UI thread)
     * @param onDeleted told on the UI thread of a conversation just deleted
     */
    ConversationList(ConversationStore store, Executor background, Executor ui, Consumer<String> notice, Consumer<Conversation> onDeleted) {
        this.store = store;
        this.background = background;
        this.ui = ui;
        this.notice = notice;
        this.onDeleted = onDeleted;
        search.addListener((obs, old, text) -> list(text, SEARCH_PAUSE_MILLIS));
    }

    /** Lists the conversations again, with the search as it stands; call on the UI thread. */
    public void refresh() {
        list(search.get(), 0);
    }

    /** Lists again after work on a background thread: the search text is read on the UI thread. */
    void refreshLater() {
        ui.execute(this::refresh);
    }

    private void list(String text, long pauseMillis) {
        String query = text == null ? "" : text.strip();
        long number = listings.incrementAndGet();
        Executor run = pauseMillis == 0 ? background : CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS, background);
        try {
            run.execute(() -> listNow(query, number));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Jarvis is closing (its background work has stopped): a refresh asked for now has nothing left to show.
        }
    }

    private void listNow(String query, long number) {
        if (listings.get() != number) {
            return;
        }
        List<Conversation> result;
        try {
            result = matching(query);
        } catch (RuntimeException e) {
            ui.execute(() -> notice.accept("The conversations could not be listed: " + e.getMessage()));
            return;
        }
        ui.execute(() -> {
            if (listings.get() == number) {
                // A listing that changes nothing leaves the list alone: replacing it would end a rename in progress.
                if (!conversations.equals(result)) {
                    conversations.setAll(result);
                }
                firstListing.complete(null);
            }
        });
    }

    private List<Conversation> matching(String query) {
        List<Conversation> all = store.list();
        if (query.isEmpty()) {
            return all;
        }
        Set<String> matching = new LinkedHashSet<>();
        String lower = query.toLowerCase(Locale.ROOT);
        all.stream().filter(c -> c.title().toLowerCase(Locale.ROOT).contains(lower)).forEach(c -> matching.add(c.id()));
        store.search(query, SEARCH_LIMIT).stream().map(SearchHit::message).map(StoredMessage::conversationId).forEach(matching::add);
        return all.stream().filter(c -> matching.contains(c.id())).toList();
    }

    /** Completes on the UI thread once the conversations have been listed for the first time. */
    public CompletableFuture<Void> firstListing() {
        return firstListing;
    }

    public void rename(Conversation conversation, String title) {
        if (title == null || title.isBlank()) {
            notice.accept("A conversation needs a name; it keeps '" + conversation.title() + "'.");
            return;
        }
        background.execute(() -> {
            store.rename(conversation.id(), title.strip());
            refreshLater();
        });
    }

    public void togglePin(Conversation conversation) {
        background.execute(() -> {
            store.pin(conversation.id(), !conversation.pinned());
            refreshLater();
        });
    }

    public void delete(Conversation conversation) {
        background.execute(() -> {
            store.delete(conversation.id());
            ui.execute(() -> {
                lastDeleted = conversation;
                notice.accept("Deleted '" + conversation.title() + "'.");
                onDeleted.accept(conversation);
            });
            refreshLater();
        });
    }

    public boolean canUndoDelete() {
        return lastDeleted != null;
    }

    public void undoDelete() {
        Conversation restored = lastDeleted;
        if (restored == null) {
            return;
        }
        lastDeleted = null;
        background.execute(() -> {
            store.restore(restored.id());
            ui.execute(() -> notice.accept("Restored '" + restored.title() + "'."));
            refreshLater();
        });
    }

    public ObservableList<Conversation> conversations() { return conversations; }
    public StringProperty search() { return search; }
}
