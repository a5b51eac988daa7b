package jarvis.audio.timeline;

import java.util.Locale;

/**
 * How a project's frames read as music: its rate (frames a second), tempo (beats a minute) and metre (beats a bar, and
 * the note that is one beat). Positions are frames; bars and beats are how a person sees them.
 */
public record Timing(int rate, double bpm, int beatsPerBar, int beatUnit) {

    /** Every project runs at 48 kHz: sources are resampled to it once, at import. */
    public static final int RATE = 48_000;

    public Timing {
        if (rate <= 0) {
            throw new IllegalArgumentException("a rate must be above 0 frames a second, not " + rate);
        }
        if (!(bpm >= 20 && bpm <= 400)) {
            throw new IllegalArgumentException("a tempo must be between 20 and 400 beats a minute, not " + bpm);
        }
        if (beatsPerBar < 1 || beatsPerBar > 32) {
            throw new IllegalArgumentException("a bar holds 1 to 32 beats, not " + beatsPerBar);
        }
        if (Integer.bitCount(beatUnit) != 1 || beatUnit > 32) {
            throw new IllegalArgumentException("a beat is a 1st, 2nd, 4th, 8th, 16th or 32nd note, not a " + beatUnit + "th");
        }
    }

    /** 48 kHz, 120 beats a minute, four beats of a quarter note a bar. */
    public static Timing standard() {
        return new Timing(RATE, 120, 4, 4);
    }

    public Timing withTempo(double bpm) {
        return new Timing(rate, bpm, beatsPerBar, beatUnit);
    }

    public double framesPerBeat() {
        return rate * 60.0 / bpm;
    }

    public double framesPerBar() {
        return framesPerBeat() * beatsPerBar;
    }

    /** The frame where this many beats from the start fall, rounded to the nearest frame. */
    public long frameAtBeat(double beats) {
        return Math.round(beats * framesPerBeat());
    }

    public double beatsAt(long frame) {
        return frame / framesPerBeat();
    }

    public double seconds(long frames) {
        return frames / (double) rate;
    }

    public long frames(double seconds) {
        return Math.round(seconds * rate);
    }

    /** "3.2.120": bar 3, beat 2, 120 ticks of 480 into the beat, counting bars and beats from 1 as musicians do. */
    public String barsAndBeats(long frame) {
        double beats = beatsAt(Math.max(0, frame));
        long whole = (long) Math.floor(beats + 1e-9);
        int ticks = (int) Math.min(479, Math.round((beats - whole) * 480));
        return String.format(Locale.ROOT, "%d.%d.%03d", whole / beatsPerBar + 1, whole % beatsPerBar + 1, ticks);
    }

    /** "1:05.250": minutes, seconds and milliseconds. */
    public String clock(long frame) {
        long millis = Math.round(seconds(Math.max(0, frame)) * 1000);
        return String.format(Locale.ROOT, "%d:%02d.%03d", millis / 60_000, millis / 1000 % 60, millis % 1000);
    }
}
