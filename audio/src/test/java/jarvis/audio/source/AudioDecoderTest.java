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
    void aLongFileIsReadWholeAcrossChunksWithItsPeaks() throws Exception {
        // Ten seconds of 16-bit stereo: 1.9 MB, read in several chunks by two threads.
        Audio sweep = Sounds.tones(48_000, 10, 50, 5000, 0.9);
        Path wav = Sounds.wav16(sweep, folder.resolve("long.wav"));

        AudioDecoder.Decoded decoded = decoder.decode(wav, Progress.NONE);

        assertThat(decoded.audio().frames()).isEqualTo(sweep.frames());
        Peaks again = Peaks.of(decoded.audio());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < sweep.frames(); i += 31) {
                assertThat((double) decoded.audio().channel(c)[i]).isCloseTo(sweep.channel(c)[i], within(1.5 / 32768));
            }
            assertThat(decoded.peaks().finest()[c]).as("peaks made on the way equal peaks made after").containsExactly(again.finest()[c]);
        }
    }

    @Test
    void fivePointOneFoldsToStereoWithTheCentreInTheMiddle() throws Exception {
        int frames = 4800;
        float[][] six = new float[6][frames];
        for (int i = 0; i < frames; i++) {
            six[2][i] = 0.4f;
            six[3][i] = 0.9f;
        }
        Path wav = folder.resolve("surround.wav");
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(frames * 12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < 6; c++) {
                data.putShort((short) Math.round(six[c][f] * 32767));
            }
        }
        javax.sound.sampled.AudioFormat format = new javax.sound.sampled.AudioFormat(48_000, 16, 6, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(data.array()),
                format, frames)) {
            javax.sound.sampled.AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }

        AudioDecoder.Decoded decoded = decoder.decode(wav, Progress.NONE);

        double centre = 0.4 * Math.sqrt(0.5) / (1 + 2 * Math.sqrt(0.5));
        assertThat((double) decoded.audio().channel(0)[100]).as("left: the centre at -3 dB, no LFE").isCloseTo(centre, within(1e-3));
        assertThat((double) decoded.audio().channel(1)[100]).as("right the same").isCloseTo(centre, within(1e-3));
        assertThat(decoded.warnings()).anyMatch(w -> w.contains("6 channels"));
    }

    @Test
    void anMp3BehindALargeId3TagIsRead() throws Exception {
        Path wav = Sounds.wav16(Sounds.tones(44_100, 2, 440, 660, AMPLITUDE), folder.resolve("tone.wav"));
        byte[] mp3 = Files.readAllBytes(Sounds.ffmpeg(wav, folder.resolve("plain.mp3"), "-c:a", "libmp3lame", "-id3v2_version", "0"));
        // A 6 MB tag (cover art is often this big), past what the MP3 reader looks ahead.
        int body = 6_000_000;
        byte[] tag = new byte[10 + body];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 3;
        tag[6] = (byte) (body >> 21 & 0x7f);
        tag[7] = (byte) (body >> 14 & 0x7f);
        tag[8] = (byte) (body >> 7 & 0x7f);
        tag[9] = (byte) (body & 0x7f);
        byte[] tagged = new byte[tag.length + mp3.length];
        System.arraycopy(tag, 0, tagged, 0, tag.length);
        System.arraycopy(mp3, 0, tagged, tag.length, mp3.length);
        Path file = Files.write(folder.resolve("with-cover.mp3"), tagged);

        AudioDecoder.Decoded decoded = decoder.decode(file, Progress.NONE);

        assertThat(decoded.container()).isEqualTo(Container.MP3);
        assertThat(decoded.audio().seconds()).isBetween(1.95, 2.15);
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
