package jarvis.audio.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jarvis.audio.Sounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioDecoderTest {

    private static final double AMPLITUDE = 0.5;

    @TempDir
    Path folder;

    private final AudioDecoder decoder = new AudioDecoder(M4aConverter.find("", Duration.ofSeconds(60)));

    private final Audio tone = Sounds.tones(48_000, 2, 440, 660, AMPLITUDE);

    @ParameterizedTest(name = "{0}-bit {1}, {2}")
    @CsvSource({"8,false,WAVE,false", "16,false,WAVE,false", "24,false,WAVE,false", "32,true,WAVE,false", "16,false,AIFF,true",
            "24,false,AIFF,true"})
    void readsTheSamplesOfWavAndAiffExactly(int bits, boolean floats, String type, boolean big) throws Exception {
        AudioFileFormat.Type fileType = type.equals("WAVE") ? AudioFileFormat.Type.WAVE : AudioFileFormat.Type.AIFF;
        Path file = Sounds.write(tone, bits, floats, fileType, big, folder.resolve("tone." + fileType.getExtension()));

        AudioDecoder.Decoded decoded = decoder.decode(file, Progress.NONE);

        assertThat(decoded.container()).isEqualTo(type.equals("WAVE") ? Container.WAV : Container.AIFF);
        assertThat(decoded.audio().frames()).isEqualTo(tone.frames());
        assertThat(decoded.audio().channelCount()).isEqualTo(2);
        // Within a step and a half of the format's resolution (written on a scale of 2^(n-1) - 1, read on 2^(n-1)).
        double step = floats ? 1e-7 : 1.5 / (1 << (bits - 1));
        for (int c = 0; c < 2; c++) {
            float[] got = decoded.audio().channel(c);
            float[] want = tone.channel(c);
            for (int i = 0; i < want.length; i += 97) {
                assertThat((double) got[i]).as("channel %d frame %d", c, i).isCloseTo(want[i], within(step));
            }
        }
        assertThat(decoded.warnings()).isEmpty();
    }

    @Test
    void decodesFlacLosslesslyEvenWithAnId3TagInFront() throws Exception {
        Path wav = Sounds.wav16(tone, folder.resolve("tone.wav"));
        Path flac = Sounds.ffmpeg(wav, folder.resolve("tone.flac"), "-c:a", "flac", "-write_id3v2", "1", "-metadata", "title=Tone");
        Audio expected = decoder.decode(wav, Progress.NONE).audio();

        AudioDecoder.Decoded decoded = decoder.decode(flac, Progress.NONE);

        assertThat(decoded.container()).isEqualTo(Container.FLAC);
        assertThat(decoded.format()).contains("FLAC, 16-bit, 48000 Hz, stereo");
        assertThat(decoded.audio().channel(0)).containsExactly(expected.channel(0));
        assertThat(decoded.audio().channel(1)).containsExactly(expected.channel(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mp3,libmp3lame,MP3", "ogg,libvorbis,OGG", "m4a,aac,M4A"})
    void decodesLossyFilesToTheSameTones(String extension, String codec, Container container) throws Exception {
        Path wav = Sounds.wav16(Sounds.tones(44_100, 2, 440, 660, AMPLITUDE), folder.resolve("tone.wav"));
        Path file = Sounds.ffmpeg(wav, folder.resolve("tone." + extension), "-c:a", codec, "-b:a", "192k");

        AudioDecoder.Decoded decoded = decoder.decode(file, Progress.NONE);

        assertThat(decoded.container()).isEqualTo(container);
        Audio audio = decoded.audio();
        assertThat(audio.rate()).isEqualTo(44_100);
        // Encoders add a little silence at either end; the middle second is the tone.
        assertThat(audio.seconds()).isBetween(1.95, 2.15);
        int from = audio.rate() / 2;
        int to = from + audio.rate();
        assertThat(Sounds.frequency(audio.channel(0), from, to, audio.rate())).isCloseTo(440, within(1.0));
        assertThat(Sounds.frequency(audio.channel(1), from, to, audio.rate())).isCloseTo(660, within(1.0));
        assertThat(Sounds.rms(audio.channel(0), from, to)).isCloseTo(AMPLITUDE / Math.sqrt(2), within(0.02));
    }

    @Test
    void anM4aWithNoConverterSaysWhatToInstall() throws Exception {
        Path wav = Sounds.wav16(tone, folder.resolve("tone.wav"));
        Path m4a = Sounds.ffmpeg(wav, folder.resolve("tone.m4a"), "-c:a", "aac");
        AudioDecoder without = new AudioDecoder(new M4aConverter(Optional.empty(), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> without.decode(m4a, Progress.NONE)).isInstanceOf(AudioFileException.class)
                .hasMessageContaining("tone.m4a is M4A").hasMessageContaining("install ffmpeg");
    }

    @Test
    void aWavCutShortGivesWhatItHoldsWithAWarning() throws Exception {
        Path wav = Sounds.wav16(tone, folder.resolve("tone.wav"));
        byte[] bytes = Files.readAllBytes(wav);
        Path cut = Files.write(folder.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 2));

        AudioDecoder.Decoded decoded = decoder.decode(cut, Progress.NONE);

        assertThat(decoded.audio().seconds()).isCloseTo(1.0, within(0.01));
        assertThat(decoded.warnings()).singleElement().asString().contains("cut.wav was cut short: 1.0 s of its 2.0 s");
    }

    @Test
    void anMp3DamagedHalfWayKeepsTheSoundBeforeTheDamage() throws Exception {
        Path wav = Sounds.wav16(Sounds.tones(44_100, 4, 440, 660, AMPLITUDE), folder.resolve("tone.wav"));
        byte[] mp3 = Files.readAllBytes(Sounds.ffmpeg(wav, folder.resolve("tone.mp3"), "-c:a", "libmp3lame"));
        byte[] damaged = mp3.clone();
        byte[] noise = new byte[mp3.length / 2];
        new Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, damaged, mp3.length / 2, noise.length);
        Path file = Files.write(folder.resolve("damaged.mp3"), damaged);

        AudioDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(file, Progress.NONE);
        } catch (AudioFileException e) {
            throw new AssertionError("the first half is sound: it should be kept, not refused (" + e.getMessage() + ")", e);
        }
        assertThat(decoded.audio().seconds()).as("at least the undamaged half").isGreaterThan(1.8);
        assertThat(Sounds.frequency(decoded.audio().channel(0), 22_050, 66_150, 44_100)).isCloseTo(440, within(1.0));
    }

    @Test
    void badFilesGetMessagesThatSayWhatIsWrong() throws IOException {
        Path empty = Files.write(folder.resolve("empty.wav"), new byte[0]);
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        noise[0] = 'x';
        Path misnamed = Files.write(folder.resolve("song.mp3"), noise);
        Path text = Files.writeString(folder.resolve("notes.txt"), "not a sound");
        byte[] header = Arrays.copyOf("RIFF\u0000\u0000\u0000\u0000WAVEjunkjunkjunk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 64);
        Path badHeader = Files.write(folder.resolve("bad.wav"), header);
        Path opus = Files.write(folder.resolve("voice.opus"), Arrays.copyOf("OggS\u0000\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000OpusHead"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 128));

        assertThatThrownBy(() -> decoder.decode(empty, Progress.NONE)).hasMessage("empty.wav is empty: there is no sound in it.");
        assertThatThrownBy(() -> decoder.decode(misnamed, Progress.NONE)).hasMessageContaining("song.mp3 is not audio Jarvis can read (its name says audio");
        assertThatThrownBy(() -> decoder.decode(text, Progress.NONE)).hasMessageContaining("it imports WAV, AIFF, MP3, Ogg Vorbis, FLAC and M4A");
        assertThatThrownBy(() -> decoder.decode(badHeader, Progress.NONE)).isInstanceOf(AudioFileException.class).hasMessageContaining("bad.wav");
        assertThatThrownBy(() -> decoder.decode(opus, Progress.NONE)).hasMessageContaining("Ogg Opus");
        assertThatThrownBy(() -> decoder.decode(folder.resolve("missing.wav"), Progress.NONE)).hasMessageContaining("There is no file");
    }

    @Test
    void theContainerIsToldByTheBytesNotTheName() throws Exception {
        Path wav = Sounds.wav16(tone, folder.resolve("tone.wav"));
        Path misnamed = Files.copy(wav, folder.resolve("really-a-wav.mp3"));

        AudioDecoder.Decoded decoded = decoder.decode(misnamed, Progress.NONE);

        assertThat(decoded.container()).isEqualTo(Container.WAV);
        assertThat(decoded.audio().frames()).isEqualTo(tone.frames());
    }
}
