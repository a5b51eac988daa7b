package jarvis.devices.cameras;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frames of a {@code multipart/x-mixed-replace} stream (PROTOCOLS.md §10), read as real cameras send them, not
 * as the RFC does: a boundary parameter written with its leading {@code --} (mjpg-streamer's
 * {@code --boundarydonotcross}), parts with no {@code Content-Length} (Frigate's), extra blank lines before a
 * boundary. A part with a length is read to its length; one without is read to the next boundary, its trailing line
 * break dropped. A frame that is not a picture is skipped; a stream that ends inside a frame ends the reading.
 */
final class MjpegReader implements AutoCloseable {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern LENGTH = Pattern.compile("^content-length:\\s*(\\d+)\\s*$", Pattern.CASE_INSENSITIVE);
    /** Larger than any camera frame: a part claiming more, or a boundary never found within it, is a broken stream. */
    private static final int LARGEST_FRAME = 32 * 1024 * 1024;

    private final InputStream in;
    private final byte[] delimiter;

    private MjpegReader(InputStream in, String boundary) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** A reader for a response of this content type, or empty when it is not a multipart stream with a boundary. */
    static Optional<MjpegReader> of(String contentType, InputStream body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            return Optional.empty();
        }
        String token = boundary.group(1).strip();
        // "boundary=--frame" and parts that start "--frame": the dashes in the parameter are not doubled on the wire.
        return Optional.of(new MjpegReader(body, token.startsWith("--") ? token.substring(2) : token));
    }

    /** The next picture, or empty when the stream ended. */
    Optional<byte[]> next() throws IOException {
        while (true) {
            if (!skipToDelimiter()) {
                return Optional.empty();
            }
            int length = -1;
            for (String line = line(); line != null; line = line()) {
                if (line.isEmpty()) {
                    break;
                }
                Matcher declared = LENGTH.matcher(line);
                if (declared.matches()) {
                    length = Integer.parseInt(declared.group(1));
                }
            }
            byte[] part = length >= 0 && length <= LARGEST_FRAME ? in.readNBytes(length) : untilDelimiter();
            if (length >= 0 && part.length < length) {
                return Optional.empty();
            }
            if (Frame.isPicture(part)) {
                return Optional.of(part);
            }
        }
    }

    /** Reads up to and past the next line holding the delimiter (with any number of dashes before it). */
    private boolean skipToDelimiter() throws IOException {
        for (String line = line(); line != null; line = line()) {
            if (line.contains(new String(delimiter, StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** The part's bytes up to the next delimiter, which is left to be read; its line break before it is dropped. */
    private byte[] untilDelimiter() throws IOException {
        ByteArrayOutputStream part = new ByteArrayOutputStream(128 * 1024);
        while (part.size() < LARGEST_FRAME) {
            in.mark(delimiter.length + 1);
            int next = in.read();
            if (next < 0) {
                return part.toByteArray();
            }
            if (next == (delimiter[0] & 0xff) && startsDelimiter()) {
                byte[] bytes = part.toByteArray();
                int end = bytes.length;
                while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                    end--;
                }
                in.reset();
                return Arrays.copyOf(bytes, end);
            }
            part.write(next);
        }
        return part.toByteArray();
    }

    /** Whether the bytes after a '-' just read finish the delimiter; the stream is reset by the caller either way. */
    private boolean startsDelimiter() throws IOException {
        for (int i = 1; i < delimiter.length; i++) {
            int next = in.read();
            if (next != (delimiter[i] & 0xff)) {
                in.reset();
                in.read();
                return false;
            }
        }
        return true;
    }

    /** One header or boundary line, without its line break; null at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        for (int next = in.read(); next >= 0; next = in.read()) {
            if (next == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() < 8192) {
                line.write(next);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
