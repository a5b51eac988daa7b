package jarvis.ui.chat;

import jarvis.orchestrator.tools.ToolRunner;
import java.util.concurrent.Executor;

/**
 * Collects streamed text and thinking on the turn's thread and hands them to the UI in batches: while one
 * hand-over is queued, new tokens join it, so a fast stream costs at most one UI update per hand-over.
 */
final class StreamBuffer {

    private final Executor ui;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private MessageItem target;
    private boolean queued;

    StreamBuffer(Executor ui) {
        this.ui = ui;
    }

    synchronized void follow(MessageItem item) {
        target = item;
        text.setLength(0);
        thinking.setLength(0);
    }

    synchronized void text(String delta) {
        text.append(delta);
        queue();
    }

    /** A tool call's card, after the text that came before it. */
    synchronized void card(ToolRunner.Card card) {
        MessageItem item = target;
        ui.execute(() -> {
            flush();
            if (item != null) {
                item.cards().add(card);
            }
        });
    }

    synchronized void thinking(String delta) {
        thinking.append(delta);
        queue();
    }

    private void queue() {
        if (!queued) {
            queued = true;
            ui.execute(this::flush);
        }
    }

    private void flush() {
        MessageItem item;
        String newText;
        String newThinking;
        synchronized (this) {
            queued = false;
            item = target;
            newText = text.toString();
            newThinking = thinking.toString();
            text.setLength(0);
            thinking.setLength(0);
        }
        if (item == null) {
            return;
        }
        if (!newText.isEmpty()) {
            item.text().set(item.text().get() + newText);
        }
        if (!newThinking.isEmpty()) {
            item.thinking().set(item.thinking().get() + newThinking);
        }
    }
}
