package jarvis.audio.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;
import javax.sound.sampled.spi.FormatConversionProvider;

/**
 * Decodes an audio file into float channels at its own rate, the decoder chosen by the file's container
 * ({@link Container}): WAV and AIFF by the JDK; MP3, Ogg Vorbis and FLAC by mp3spi, vorbisspi and jflac, each asked for by
 * name, so no other decoder gets the file first; M4A through the platform's converter into WAV. A damaged or
 * unsupported file gets a message saying what is wrong; a file cut short gives what it holds, with a warning.
 */
public final class AudioDecoder {

    /** A file's sound, its waveform at its own rate, and what a person should know about it. */
    public record Decoded(Audio audio, Peaks peaks, Container container, String format, List<String> warnings) {}

    /** The reader and converter that decode a container, by class name: they are on the class path, not in a module. */
    private record Codec(String reader, String converter) {}

    private static final Codec MP3 = new Codec("javazoom.spi.mpeg.sampled.file.MpegAudioFileReader",
            "javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider");
    private static final Codec VORBIS = new Codec("javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader",
            "javazoom.spi.vorbis.sampled.convert.VorbisFormatConversionProvider");
    private static final Codec FLAC = new Codec("org.jflac.sound.spi.FlacAudioFileReader", "org.jflac.sound.spi.FlacFormatConversionProvider");

    private final M4aConverter m4a;

    public AudioDecoder(M4aConverter m4a) {
        this.m4a = m4a;
    }

    /** Whether a file's name says it is audio Jarvis imports: what a drop on the window is routed by. */
    public static boolean importable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return List.of(".wav", ".wave", ".aif", ".aiff", ".aifc", ".mp3", ".ogg", ".oga", ".flac", ".m4a").stream().anyMatch(name::endsWith);
    }

    public Decoded decode(Path file, Progress progress) throws AudioFileException {
        String name = file.getFileName().toString();
        long size;
        Container container;
        try {
            size = Files.size(file);
            container = Container.of(file);
        } catch (NoSuchFileException e) {
            throw new AudioFileException("There is no file " + file + ".", e);
        } catch (IOException e) {
            throw new AudioFileException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new AudioFileException(name + " is empty: there is no sound in it.");
        }
        return switch (container) {
            case WAV, AIFF -> decode(file, name, size, container, null, progress);
            case MP3 -> decode(file, name, size, container, MP3, progress);
            case OGG -> decode(file, name, size, container, VORBIS, progress);
            case FLAC -> decode(file, name, size, container, FLAC, progress);
            case M4A -> fromM4a(file, name, progress);
            case OPUS -> throw new AudioFileException(name + " is Ogg Opus, which Jarvis cannot decode yet: convert it to FLAC or WAV first "
                    + "(ffmpeg -i " + name + " " + stem(name) + ".flac).");
            case RF64 -> throw new AudioFileException(name + " is an RF64 WAV (for files over 4 GB), which Jarvis cannot read: split it, or save it "
                    + "as FLAC.");
            case UNKNOWN -> throw new AudioFileException(name + " is not audio Jarvis can read" + looksLike(name)
                    + ": it imports WAV, AIFF, MP3, Ogg Vorbis, FLAC and M4A.");
        };
    }

    private Decoded fromM4a(Path file, String name, Progress progress) throws AudioFileException {
        Path wav = m4a.toWav(file, progress.part(0, 0.5));
        try {
            Decoded decoded = decode(wav, name, wav.toFile().length(), Container.WAV, null, progress.part(0.5, 1));
            return new Decoded(decoded.audio(), decoded.peaks(), Container.M4A, "M4A (through " + m4a.describe() + ")", decoded.warnings());
        } finally {
            try {
                Files.deleteIfExists(wav);
            } catch (IOException e) {
                // A scratch file left in the temporary folder does no harm.
            }
        }
    }

    private static Decoded decode(Path file, String name, long size, Container container, Codec codec, Progress progress) throws AudioFileException {
        try (Counting counted = new Counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (container == Container.MP3) {
                // Skipped here, not left to the MP3 reader: it looks only so far ahead, and a tag with cover art is longer.
                counted.mark(10);
                int tag = Container.id3Size(counted.readNBytes(10));
                counted.reset();
                counted.skipNBytes(tag);
            }
            AudioInputStream stream = open(counted, container, codec);
            AudioFormat format = stream.getFormat();
            PcmReader.Read read = PcmReader.read(stream, codec == null ? size : 0, container == Container.OGG, () -> counted.count / (double) size,
                    progress);
            if (read.audio().frames() == 0) {
                throw new AudioFileException(name + " holds no sound: its " + container.label() + " data is empty or cannot be decoded.");
            }
            List<String> warnings = new ArrayList<>();
            if (read.announced() > 0 && read.audio().frames() < read.announced()) {
                warnings.add(String.format(Locale.ROOT, "%s was cut short: %.1f s of its %.1f s are there, and were imported.", name,
                        read.audio().seconds(), read.announced() / (double) read.audio().rate()));
            }
            if (read.broken() != null) {
                warnings.add(String.format(Locale.ROOT, "%s is damaged %.1f s in (%s): the sound before that was imported.", name,
                        read.audio().seconds(), read.broken()));
            }
            if (format.getChannels() > 2) {
                warnings.add(name + " has " + format.getChannels() + " channels; they were folded into stereo.");
            }
            return new Decoded(read.audio(), Peaks.fromFinest(read.finestPeaks(), read.audio().frames()), container, describe(container, format),
                    warnings);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(name + " looks like " + container.label() + " but its header cannot be read (" + e.getMessage()
                    + "): the file is damaged or not really " + container.label() + ".", e);
        } catch (IOException e) {
            throw new AudioFileException(name + " could not be decoded as " + container.label() + ": " + e.getMessage() + ".", e);
        } catch (OutOfMemoryError e) {
            throw new AudioFileException(name + " is too long to hold in memory as 32-bit samples: split it into shorter files.", e);
        } catch (RuntimeException e) {
            // The MP3 and Vorbis decoders throw index and state errors on damaged frames.
            throw new AudioFileException(name + " is damaged: its " + container.label() + " data could not be decoded (" + e + ").", e);
        }
    }

    private static AudioInputStream open(InputStream in, Container container, Codec codec) throws UnsupportedAudioFileException, IOException {
        if (codec == null) {
            // The JDK's own readers, asked by name: through AudioSystem every reader on the class path would be asked too,
            // and mp3spi reads megabytes of a WAV looking for MPEG frames before it gives up.
            List<AudioFileReader> readers;
            try {
                readers = jdkReaders(container);
            } catch (IllegalAccessError e) {
                // Started without --add-exports for java.desktop's readers (see jvm.options): every reader is asked instead.
                return javax.sound.sampled.AudioSystem.getAudioInputStream(in);
            }
            UnsupportedAudioFileException refused = null;
            for (AudioFileReader reader : readers) {
                in.mark(1 << 16);
                try {
                    return reader.getAudioInputStream(in);
                } catch (UnsupportedAudioFileException e) {
                    refused = e;
                    in.reset();
                }
            }
            throw refused;
        }
        AudioInputStream encoded = ((AudioFileReader) instance(codec.reader())).getAudioInputStream(in);
        AudioFormat source = encoded.getFormat();
        int bits = source.getSampleSizeInBits() > 0 ? source.getSampleSizeInBits() : 16;
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), bits, source.getChannels(),
                source.getChannels() * bits / 8, source.getSampleRate(), false);
        FormatConversionProvider converter = (FormatConversionProvider) instance(codec.converter());
        if (!converter.isConversionSupported(target, source)) {
            throw new IOException("its " + source + " cannot be turned into PCM");
        }
        return converter.getAudioInputStream(target, encoded);
    }

    /** The JDK's readers for a WAV (plain PCM, floats, WAVE_FORMAT_EXTENSIBLE) or an AIFF file. */
    private static List<AudioFileReader> jdkReaders(Container container) {
        return container == Container.AIFF ? List.of(new com.sun.media.sound.AiffFileReader())
                : List.of(new com.sun.media.sound.WaveFileReader(), new com.sun.media.sound.WaveFloatFileReader(),
                        new com.sun.media.sound.WaveExtensibleFileReader());
    }

    private static Object instance(String className) throws IOException {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("its decoder (" + className + ") is missing from this build of Jarvis", e);
        }
    }

    private static String describe(Container container, AudioFormat format) {
        String bits = format.getSampleSizeInBits() > 0 && container != Container.MP3 && container != Container.OGG
                ? format.getSampleSizeInBits() + "-bit, " : "";
        return String.format(Locale.ROOT, "%s, %s%d Hz, %s", container.label(), bits, Math.round(format.getSampleRate()),
                format.getChannels() == 1 ? "mono" : format.getChannels() == 2 ? "stereo" : format.getChannels() + " channels");
    }

    private static String looksLike(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".wav") || lower.endsWith(".mp3") || lower.endsWith(".flac") || lower.endsWith(".ogg") || lower.endsWith(".aif")
                || lower.endsWith(".aiff") || lower.endsWith(".m4a") ? " (its name says audio, but its bytes are not; it may be damaged or misnamed)" : "";
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Counts the bytes read, for progress. */
    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
