package jarvis.audio.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What kind of audio file this is, told by its first bytes, never by its name alone or by which decoder happens to
 * accept it first: MP3 decoders are known to take WAV and FLAC files for MPEG frames.
 */
public enum Container {
    WAV("WAV"), AIFF("AIFF"), MP3("MP3"), OGG("Ogg Vorbis"), OPUS("Ogg Opus"), FLAC("FLAC"), M4A("MPEG-4 audio (M4A)"), RF64("RF64 WAV"),
    UNKNOWN("not audio Jarvis knows");

    /** Bytes enough to tell: an ID3 tag's header, the first Ogg page's codec name, an MP4 box's type. */
    public static final int HEAD = 64;

    private final String label;

    Container(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The container a file is, from its first bytes (and, past an ID3 tag, the bytes after it). */
    public static Container of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD);
            Container seen = of(head);
            int tag = id3Size(head);
            if (seen == MP3 && tag > HEAD) {
                in.skipNBytes(tag - HEAD);
                return starts(in.readNBytes(4), 0, "fLaC") ? FLAC : MP3;
            }
            return seen;
        } catch (java.io.EOFException e) {
            return UNKNOWN;
        }
    }

    /** The container these first bytes of a file begin. */
    public static Container of(byte[] head) {
        if (starts(head, 0, "RIFF") && starts(head, 8, "WAVE")) {
            return WAV;
        }
        if ((starts(head, 0, "RF64") || starts(head, 0, "BW64")) && starts(head, 8, "WAVE")) {
            return RF64;
        }
        if (starts(head, 0, "FORM") && (starts(head, 8, "AIFF") || starts(head, 8, "AIFC"))) {
            return AIFF;
        }
        if (starts(head, 0, "fLaC")) {
            return FLAC;
        }
        if (starts(head, 0, "OggS")) {
            // The first page's packet names the codec: "\u0001vorbis" or "OpusHead".
            String first = new String(head, 0, Math.min(head.length, HEAD), StandardCharsets.ISO_8859_1);
            return first.contains("OpusHead") ? OPUS : first.contains("vorbis") ? OGG : UNKNOWN;
        }
        if (starts(head, 4, "ftyp")) {
            return M4A;
        }
        if (starts(head, 0, "ID3")) {
            // An ID3v2 tag comes before MP3 frames, and (wrongly, but it is done) before FLAC: look past it.
            int size = id3Size(head);
            return size + 4 <= head.length && starts(head, size, "fLaC") ? FLAC : MP3;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0 && (head[1] & 0x06) != 0) {
            // An MPEG audio frame's sync word, with a layer that exists.
            return MP3;
        }
        return UNKNOWN;
    }

    /** The length of the ID3v2 tag these bytes begin with, header included; 0 when there is none. */
    static int id3Size(byte[] head) {
        if (head.length < 10 || !starts(head, 0, "ID3")) {
            return 0;
        }
        return ((head[6] & 0x7f) << 21 | (head[7] & 0x7f) << 14 | (head[8] & 0x7f) << 7 | (head[9] & 0x7f)) + 10;
    }

    private static boolean starts(byte[] head, int at, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= at + wanted.length && Arrays.equals(head, at, at + wanted.length, wanted, 0, wanted.length);
    }
}
