package jarvis.audio.voice;

/** What says a sentence aloud, and stops saying it. */
public interface Mouth {

    /** Says it, returning when it is said or stopped. */
    void speak(String sentence) throws VoiceException;

    /** Stops what is being said, at once. */
    void stop();
}
