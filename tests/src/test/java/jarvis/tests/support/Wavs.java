package jarvis.tests.support;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** 16-bit WAV files for tests, written by the JDK. */
public final class Wavs {

    private Wavs() {}

    /** Interleaved 16-bit samples at {@code rate}, as a WAV file. */
    public static Path write(Path file, short[] samples, int channels, int rate) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** A stereo sine at 48 kHz, {@code seconds} long, at about a third of full scale. */
    public static Path tone(Path file, double seconds, double hz) throws Exception {
        int frames = (int) (48_000 * seconds);
        short[] samples = new short[frames * 2];
        for (int f = 0; f < frames; f++) {
            short s = (short) (12_000 * Math.sin(2 * Math.PI * hz * f / 48_000));
            samples[2 * f] = s;
            samples[2 * f + 1] = s;
        }
        return write(file, samples, 2, 48_000);
    }
}
