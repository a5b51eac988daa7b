package jarvis.audio.voice;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** Where speech comes from: 16 kHz, 16-bit, mono, little-endian bytes, handed out as they are captured. */
public interface Microphone extends AutoCloseable {

    /** What a microphone gives: what Whisper takes, so nothing is converted. */
    AudioFormat FORMAT = new AudioFormat(Utterances.RATE, 16, 1, true, false);

    /** Reads up to {@code length} bytes, waiting until some are captured; -1 when it has ended. */
    int read(byte[] buffer, int offset, int length);

    @Override
    void close();

    /** The system's default capture line, opened and started. */
    static Microphone system() throws VoiceException {
        TargetDataLine line;
        try {
            line = AudioSystem.getTargetDataLine(FORMAT);
            // Half a second of buffer: a busy moment (a garbage collection) loses nothing.
            line.open(FORMAT, Utterances.RATE * 2 / 2);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new VoiceException("There is no microphone Jarvis can record from (" + e.getMessage() + "): plug one in, or choose one as the "
                    + "system's input, and try again.", e);
        }
        line.start();
        return new Microphone() {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                return line.isOpen() ? line.read(buffer, offset, length) : -1;
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }
}
