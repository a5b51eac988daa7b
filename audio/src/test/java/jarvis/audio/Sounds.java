package jarvis.audio;

import jarvis.audio.source.Audio;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Sounds for tests: tones made here, written by the JDK, encoded by ffmpeg (installed by {@code .ci/run}). */
public final class Sounds {

    private Sounds() {}

    /** A stereo tone: {@code leftHz} on the left, {@code rightHz} on the right, at {@code amplitude}. */
    public static Audio tones(int rate, double seconds, double leftHz, double rightHz, double amplitude) {
        int frames = (int) Math.round(rate * seconds);
        float[] left = new float[frames];
        float[] right = new float[frames];
        for (int i = 0; i < frames; i++) {
            left[i] = (float) (amplitude * Math.sin(2 * Math.PI * leftHz * i / rate));
            right[i] = (float) (amplitude * Math.sin(2 * Math.PI * rightHz * i / rate));
        }
        return new Audio(rate, new float[][] {left, right});
    }

    /** Writes audio as a WAV or AIFF file through the JDK: integer samples of {@code bits}, or 32-bit floats. */
    public static Path write(Audio audio, int bits, boolean floats, AudioFileFormat.Type type, boolean bigEndian, Path file) throws IOException {
        int channels = audio.channelCount();
        int bytes = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(audio.frames() * channels * bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < audio.frames(); f++) {
            for (int c = 0; c < channels; c++) {
                float s = audio.channel(c)[f];
                if (floats) {
                    data.putFloat(s);
                } else if (bits == 8) {
                    data.put((byte) (Math.round(s * 127) + 128));
                } else if (bits == 16) {
                    data.putShort((short) Math.round(s * 32767));
                } else {
                    int v = Math.round(s * 8388607);
                    if (bigEndian) {
                        data.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
                    } else {
                        data.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                    }
                }
            }
        }
        AudioFormat.Encoding encoding = floats ? AudioFormat.Encoding.PCM_FLOAT : bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
        AudioFormat format = new AudioFormat(encoding, audio.rate(), bits, channels, channels * bytes, audio.rate(), bigEndian);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(data.array()), format, audio.frames())) {
            AudioSystem.write(stream, type, file.toFile());
        }
        return file;
    }

    public static Path wav16(Audio audio, Path file) throws IOException {
        return write(audio, 16, false, AudioFileFormat.Type.WAVE, false, file);
    }

    /** Encodes a file with ffmpeg ({@code args} choose the codec); fails the test when ffmpeg is missing. */
    public static Path ffmpeg(Path in, Path out, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", in.toString()));
        command.addAll(List.of(args));
        command.add(out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + said);
        }
        return out;
    }

    /** The root-mean-square level of a channel between two frames. */
    public static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * (double) samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /**
     * A note's fundamental frequency, by autocorrelation: the shortest lag (between 60 and 1500 Hz) that matches the
     * sound nearly as well as the best one. Unlike counting zero crossings, an instrument's strong harmonics do not
     * fool it.
     */
    public static double pitch(float[] samples, int from, int to, int rate) {
        int shortest = rate / 1500;
        int longest = rate / 60;
        double[] match = new double[longest + 1];
        double best = 0;
        for (int lag = shortest; lag <= longest; lag++) {
            double sum = 0;
            for (int i = from; i + lag < to; i++) {
                sum += samples[i] * (double) samples[i + lag];
            }
            match[lag] = sum;
            best = Math.max(best, sum);
        }
        for (int lag = shortest + 1; lag < longest; lag++) {
            if (match[lag] >= 0.9 * best && match[lag] >= match[lag - 1] && match[lag] >= match[lag + 1]) {
                return rate / (double) lag;
            }
        }
        return 0;
    }

    /** A tone's frequency, from its upward zero crossings between two frames. */
    public static double frequency(float[] samples, int from, int to, int rate) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings * (double) rate / (last - first);
    }
}
