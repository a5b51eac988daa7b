package jarvis.audio.voice;

/** What went wrong with listening, transcribing or speaking, in words a person can act on. */
public final class VoiceException extends Exception {

    public VoiceException(String message) {
        super(message);
    }

    public VoiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
