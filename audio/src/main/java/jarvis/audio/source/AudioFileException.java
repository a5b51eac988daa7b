package jarvis.audio.source;

/** An audio file that cannot be imported: the message names what is wrong with it and, where it can, what to do. */
public final class AudioFileException extends Exception {

    public AudioFileException(String message) {
        super(message);
    }

    public AudioFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
