package jarvis.audio.timeline;

/**
 * A window onto an immutable source, placed on a track: it starts at {@code start} on the timeline, plays the source
 * from {@code offset} for {@code length} frames, at {@code gain} (linear, 1 = as recorded), fading in over its first
 * {@code fadeIn} frames and out over its last {@code fadeOut}. The source is never changed; every edit makes a new clip.
 */
public record Clip(String id, String sourceId, long start, long offset, long length, double gain, long fadeIn, long fadeOut) {

    public Clip {
        if (start < 0 || offset < 0) {
            throw new IllegalArgumentException("a clip cannot start before the timeline or its source (start " + start + ", offset " + offset + ")");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("a clip must last at least one frame, not " + length);
        }
        if (!(gain >= 0 && gain <= 16)) {
            throw new IllegalArgumentException("a clip's gain is between 0 and 16 (+24 dB), not " + gain);
        }
        if (fadeIn < 0 || fadeOut < 0 || fadeIn + fadeOut > length) {
            throw new IllegalArgumentException("fades of " + fadeIn + " and " + fadeOut + " frames do not fit in a clip of " + length);
        }
    }

    /** A whole source, from its first frame, at unity gain with no fades. */
    public static Clip of(String id, String sourceId, long start, long length) {
        return new Clip(id, sourceId, start, 0, length, 1, 0, 0);
    }

    /** The first frame after the clip. */
    public long end() {
        return start + length;
    }

    public boolean contains(long frame) {
        return frame >= start && frame < end();
    }

    public Clip movedTo(long newStart) {
        return new Clip(id, sourceId, newStart, offset, length, gain, fadeIn, fadeOut);
    }

    /**
     * The clip with its left edge at {@code newStart}, the audio under it staying where it was: the offset moves with
     * the edge. Kept within the source's start and the clip's last frame; fades are shortened to fit.
     */
    public Clip trimmedStartTo(long newStart) {
        long earliest = start - offset;
        long edge = Math.clamp(newStart, Math.max(0, earliest), end() - 1);
        long newLength = end() - edge;
        return new Clip(id, sourceId, edge, offset + (edge - start), newLength, gain, Math.min(fadeIn, newLength),
                Math.min(fadeOut, newLength - Math.min(fadeIn, newLength)));
    }

    /** The clip with its right edge at {@code newEnd}, no further than the source's end ({@code sourceFrames}). */
    public Clip trimmedEndTo(long newEnd, long sourceFrames) {
        long latest = start + (sourceFrames - offset);
        long edge = Math.clamp(newEnd, start + 1, Math.max(start + 1, latest));
        long newLength = edge - start;
        long out = Math.min(fadeOut, newLength);
        return new Clip(id, sourceId, start, offset, newLength, gain, Math.min(fadeIn, newLength - out), out);
    }

    public Clip withFades(long in, long out) {
        return new Clip(id, sourceId, start, offset, length, gain, in, out);
    }

    public Clip withGain(double newGain) {
        return new Clip(id, sourceId, start, offset, length, newGain, fadeIn, fadeOut);
    }

    /**
     * The clip playing another source over the same window (a part played by another instrument), shortened when the
     * new source ends sooner; fades are shortened to fit.
     */
    public Clip withSource(String newSourceId, long sourceFrames) {
        if (offset >= sourceFrames) {
            throw new IllegalArgumentException("the new sound is " + sourceFrames + " frames long, and the clip starts at its frame " + offset);
        }
        long newLength = Math.min(length, sourceFrames - offset);
        long in = Math.min(fadeIn, newLength);
        return new Clip(id, newSourceId, start, offset, newLength, gain, in, Math.min(fadeOut, newLength - in));
    }

    public Clip withId(String newId) {
        return new Clip(newId, sourceId, start, offset, length, gain, fadeIn, fadeOut);
    }

    /**
     * The two clips a cut at {@code at} (inside the clip) makes: the left keeps this id and the fade in, the right
     * takes {@code rightId} and the fade out.
     */
    public Clip[] splitAt(long at, String rightId) {
        if (at <= start || at >= end()) {
            throw new IllegalArgumentException("a cut at frame " + at + " is not inside the clip (" + start + " to " + end() + ")");
        }
        long leftLength = at - start;
        long rightLength = end() - at;
        Clip left = new Clip(id, sourceId, start, offset, leftLength, gain, Math.min(fadeIn, leftLength), 0);
        Clip right = new Clip(rightId, sourceId, at, offset + leftLength, rightLength, gain, 0, Math.min(fadeOut, rightLength));
        return new Clip[] {left, right};
    }

    /**
     * How loud the clip plays its frame {@code i} (from 0, within the clip): the gain, shaped by the fades (equal-power
     * curves, so a crossfade keeps its loudness).
     */
    public double envelope(long i) {
        double level = gain;
        if (i < fadeIn) {
            level *= Math.sin((i + 0.5) / fadeIn * Math.PI / 2);
        }
        long fromEnd = length - 1 - i;
        if (fromEnd < fadeOut) {
            level *= Math.sin((fromEnd + 0.5) / fadeOut * Math.PI / 2);
        }
        return level;
    }
}
