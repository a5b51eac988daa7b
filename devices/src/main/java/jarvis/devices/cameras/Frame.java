package jarvis.devices.cameras;

import java.time.Instant;

/** One picture from a camera: its bytes (a JPEG, or a PNG from a snapshot URL) and when it arrived. */
public record Frame(byte[] image, Instant at) {

    /** Whether the bytes begin as a JPEG (FF D8 FF) or a PNG does: a camera that answers with a page is not a picture. */
    public static boolean isPicture(byte[] bytes) {
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        return jpeg || png;
    }
}
