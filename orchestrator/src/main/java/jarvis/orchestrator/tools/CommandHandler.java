package jarvis.orchestrator.tools;

import java.util.List;

/**
 * Commands a module carries out without any model (the house's "turn off the shop lights"), in the chat box and on
 * the command line alike; its actions go through a {@link ToolRunner}, so they are confirmed and audited as a model's.
 */
public interface CommandHandler {

    /**
     * What came of a command: the answer to show, the cards of the actions it took, and whether it was done (every
     * action done, or the question answered) or not (nothing matched, a refusal, a failure).
     */
    record Handled(String answer, List<ToolRunner.Card> cards, boolean done) {}

    /** Whether {@code text} is one of its commands; reads only, and fast (it is asked of every message). */
    boolean matches(String text);

    Handled carryOut(String text, ToolRunner runner, ToolRunner.Asker asker);
}
