package jarvis.devices.watch;

/** Looks at one frame of a print and gives a verdict, or says why it cannot look (no vision model, Ollama down). */
@FunctionalInterface
public interface Judge {

    Verdict judge(byte[] image) throws CannotJudge;

    /** The watch cannot see: the message says why and what to do. Never a verdict that the print is fine. */
    final class CannotJudge extends Exception {
        public CannotJudge(String message) {
            super(message);
        }
    }
}
