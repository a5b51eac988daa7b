package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The open conversation's messages as views: the latest {@value #PAGE} at first and earlier ones a page at a time on
 * request, so a long conversation opens as fast as a short one. A message added at the end gets a view of its own, a
 * message replaced gets a new view, messages taken off the end take their views with them, and anything else shows
 * the latest page anew.
 */
final class MessageColumn extends VBox {

    static final int PAGE = 50;

    private final ObservableList<MessageItem> messages;
    private final Function<MessageItem, Node> viewOf;
    private final Supplier<Node> emptyHint;
    private final VBox views = new VBox(6);
    private final Button earlier = new Button();
    private int shownFrom;
    private boolean showedEarlier;

    MessageColumn(ObservableList<MessageItem> messages, Function<MessageItem, Node> viewOf, Supplier<Node> emptyHint) {
        this.messages = messages;
        this.viewOf = viewOf;
        this.emptyHint = emptyHint;
        views.setId("messages");
        earlier.setId("show-earlier");
        earlier.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        earlier.setOnAction(e -> showEarlier());
        earlier.managedProperty().bind(earlier.visibleProperty());
        HBox earlierRow = new HBox(earlier);
        earlierRow.setAlignment(Pos.CENTER);
        earlierRow.managedProperty().bind(earlier.visibleProperty());
        setPadding(new Insets(8, 0, 16, 0));
        getChildren().setAll(earlierRow, views);
        messages.addListener((ListChangeListener<MessageItem>) this::changed);
        showLatest();
    }

    /** True when the last change showed earlier messages (the place in the conversation should stay, not jump to its end). */
    boolean showedEarlier() {
        return showedEarlier;
    }

    private void changed(ListChangeListener.Change<? extends MessageItem> change) {
        boolean handled = true;
        showedEarlier = false;
        while (change.next() && handled) {
            int from = change.getFrom();
            int shownCount = views.getChildren().size();
            if (change.wasReplaced() && change.getRemovedSize() == change.getAddedSize() && from >= shownFrom
                    && change.getTo() <= shownFrom + shownCount) {
                for (int i = from; i < change.getTo(); i++) {
                    views.getChildren().set(i - shownFrom, viewOf.apply(messages.get(i)));
                }
            } else if (change.wasAdded() && !change.wasRemoved() && from > 0 && from == shownFrom + shownCount) {
                change.getAddedSubList().forEach(item -> views.getChildren().add(viewOf.apply(item)));
            } else if (change.wasRemoved() && !change.wasAdded() && from > shownFrom && from == messages.size()
                    && from + change.getRemovedSize() == shownFrom + shownCount) {
                views.getChildren().remove(from - shownFrom, shownCount);
            } else {
                handled = false;
            }
        }
        if (!handled) {
            showLatest();
        }
    }

    private void showLatest() {
        if (messages.isEmpty()) {
            shownFrom = 0;
            views.getChildren().setAll(emptyHint.get());
        } else {
            shownFrom = Math.max(0, messages.size() - PAGE);
            views.getChildren().setAll(messages.subList(shownFrom, messages.size()).stream().map(viewOf).toList());
        }
        updateEarlier();
    }

    private void showEarlier() {
        int from = Math.max(0, shownFrom - PAGE);
        views.getChildren().addAll(0, messages.subList(from, shownFrom).stream().map(viewOf).toList());
        shownFrom = from;
        showedEarlier = true;
        updateEarlier();
    }

    private void updateEarlier() {
        earlier.setVisible(shownFrom > 0);
        earlier.setText(shownFrom == 1 ? "Show the earlier message" : "Show earlier messages (" + shownFrom + " more)");
    }
}
