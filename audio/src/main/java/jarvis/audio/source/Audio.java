package jarvis.audio.source;

/**
 * Sound as the mixer reads it: one float array per channel (mono or stereo), samples from -1 to 1, at a given rate.
 * Never changed once made; a clip only looks at part of it.
 */
public final class Audio {

    private final int rate;
    private final float[][] channels;

    public Audio(int rate, float[][] channels) {
        if (channels.length < 1 || channels.length > 2) {
            throw new IllegalArgumentException("Jarvis plays mono and stereo sound, not " + channels.length + " channels");
        }
        for (float[] channel : channels) {
            if (channel.length != channels[0].length) {
                throw new IllegalArgumentException("every channel must be as long as the first");
            }
        }
        this.rate = rate;
        this.channels = channels;
    }

    public int rate() {
        return rate;
    }

    public int channelCount() {
        return channels.length;
    }

    public int frames() {
        return channels[0].length;
    }

    /**
     * One channel's samples, not copied: the caller must not change them. A mono source gives its one channel for
     * either side.
     */
    public float[] channel(int index) {
        return channels[Math.min(index, channels.length - 1)];
    }

    public double seconds() {
        return frames() / (double) rate;
    }
}
