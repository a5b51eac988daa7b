package jarvis.orchestrator.conversation;

import jarvis.orchestrator.routing.FastPath;

/** Carries out the commands the grammar recognised, with no model, and says what was done. */
final class FastPathCommands {

    /** The answer to show, and the conversation to show it in (a new one after "new conversation"). */
    record Outcome(String answer, Conversation shown) {}

    private FastPathCommands() {}

    static Outcome carryOut(FastPath.Command command, Conversation conversation, ConversationStore store) {
        return switch (command) {
            case FastPath.NewConversation c -> new Outcome("Started a new conversation. This one stays in the list.",
                    store.create("New conversation", false));
            case FastPath.SwitchModel c -> {
                store.setModel(conversation.id(), c.model());
                yield new Outcome("This conversation now uses " + c.model() + " as its local model.", conversation);
            }
            case FastPath.SetPrivate c -> {
                store.setPrivate(conversation.id(), c.on());
                yield new Outcome(c.on() ? "This conversation is private now: nothing in it leaves this machine."
                        : "This conversation is no longer private: the cloud model may be asked when a local answer is not good enough.",
                        conversation);
            }
            case FastPath.Help c -> new Outcome("I answer with the local model first and ask the cloud model only when the local answer "
                    + "is not good enough and you allow it. I can also, without any model: " + String.join("; ", FastPath.examples()) + ".",
                    conversation);
        };
    }
}
