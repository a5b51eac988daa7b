package jarvis.ui.chat;

import jarvis.orchestrator.conversation.TurnListener;

/** What speaks replies as they stream, when the person has it on. */
public interface ReplyVoice {

    /** Follows one turn: its replies' text as it arrives. */
    interface Follower extends TurnListener {
        /** The turn is over: what is left of its reply is spoken. */
        void finished();
    }

    /** A follower for the next turn (one that says nothing when replies are not spoken). */
    Follower follow();

    /** Stops what is being said (the reply was stopped). */
    default void stop() {}

    Follower QUIET = () -> { };

    ReplyVoice SILENT = () -> QUIET;
}
