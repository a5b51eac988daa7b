package jarvis.audio.voice;

import java.util.function.BooleanSupplier;

/** What says a sentence aloud, and stops saying it. */
public interface Mouth {

    /**
     * Says it, returning when it is said or stopped; {@code wanted} is asked once the saying has begun, so a stop that
     * came just before it is not missed.
     */
    void speak(String sentence, BooleanSupplier wanted) throws VoiceException;

    /** Stops what is being said, at once. */
    void stop();
}
